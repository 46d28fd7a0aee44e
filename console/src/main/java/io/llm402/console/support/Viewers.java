package io.llm402.console.support;

import io.llm402.projections.access.api.FindUserQuery;
import io.llm402.projections.access.api.UserView;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The viewer of the current page. The security configuration authenticates console pages from the login session
 * (the same session the management API reads) and names the user by id; the console looks the user up itself.
 */
@Component
public class Viewers {

    private final ReadModel readModel;

    Viewers(ReadModel readModel) {
        this.readModel = readModel;
    }

    public Optional<Viewer> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            return Optional.empty();
        }
        return readModel.optional(new FindUserQuery(authentication.getName()), UserView.class)
                .filter(user -> !user.deleted() && !user.disabled()).map(Viewer::of);
    }

    /** The viewer of a page only logged-in users reach (the security configuration sends others to the login). */
    public Viewer required() {
        return current().orElseThrow(() -> new IllegalStateException("a console page was reached without a login"));
    }
}
