package io.llm402.console.support;

import io.llm402.projections.access.api.UserView;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The viewer of the current page. The security configuration authenticates console pages from the login session
 * (the same session the management API reads), reading the user as they are now; the authentication carries that
 * user as its details, so the console does not read it again.
 */
@Component
public class Viewers {

    public Optional<Viewer> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && authentication.getDetails() instanceof UserView user ? Optional.of(Viewer.of(user))
                : Optional.empty();
    }

    /** The viewer of a page only logged-in users reach (the security configuration sends others to the login). */
    public Viewer required() {
        return current().orElseThrow(() -> new IllegalStateException("a console page was reached without a login"));
    }
}
