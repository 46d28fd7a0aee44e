package io.llm402.gateway.management;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.Role;
import io.llm402.projections.access.api.UserView;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The logged-in user behind a management request, as read from the user projection for this request (never from
 * the session or the token): role and status are always current.
 *
 * @param bySession {@code true} for a browser session, {@code false} for a management access token
 */
public record Caller(UserView user, Role role, boolean bySession) {

    public String userId() {
        return user.userId();
    }

    public Actor actor() {
        return new Actor(user.userId(), role);
    }

    /** The caller of the current request; the security configuration lets no other request reach a user route. */
    public static Caller current() {
        return find().orElseThrow(() -> new ManagementException(
                HttpStatus.UNAUTHORIZED, "not logged in", "AUTH_UNAUTHORIZED"));
    }

    public static Optional<Caller> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller) : Optional.empty();
    }
}
