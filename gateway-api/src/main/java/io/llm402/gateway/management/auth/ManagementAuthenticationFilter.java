package io.llm402.gateway.management.auth;

import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.UserJson;
import io.llm402.projections.access.api.FindUserByAccessTokenQuery;
import io.llm402.projections.access.api.UserView;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds the caller of a management request: a login session (cookie) or a management access token
 * ({@code Authorization}, with or without {@code Bearer}); then reads the user as they are now. A caller must also send
 * {@code New-Api-User: <their id>}, as new-api requires: a header a foreign page cannot send, so it guards cookie
 * callers against cross-site requests. Requests that pass none of this go on anonymous; the route table decides.
 */
public class ManagementAuthenticationFilter extends OncePerRequestFilter {

    /** Why a request that tried to authenticate is anonymous; the 401 answer says it. */
    static final String REFUSAL = ManagementAuthenticationFilter.class.getName() + ".refusal";
    public static final String USER_HEADER = "New-Api-User";

    private final AccessReadModel readModel;
    private final SecretBox secretBox;
    private final boolean consolePages;

    public ManagementAuthenticationFilter(AccessReadModel readModel, SecretBox secretBox) {
        this(readModel, secretBox, false);
    }

    private ManagementAuthenticationFilter(AccessReadModel readModel, SecretBox secretBox, boolean consolePages) {
        this.readModel = readModel;
        this.secretBox = secretBox;
        this.consolePages = consolePages;
    }

    /**
     * For the console's pages: the login session only, and no {@code New-Api-User} header (a browser navigating to a
     * page cannot send one). Safe because console pages only read and only answer GET; every change a page offers
     * goes through the management API, header and all.
     */
    public static ManagementAuthenticationFilter forConsolePages(AccessReadModel readModel, SecretBox secretBox) {
        return new ManagementAuthenticationFilter(readModel, secretBox, true);
    }

    record Refusal(String message, String code) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = consolePages ? fromSession(request)
                : fromSession(request).or(() -> fromAccessToken(request));
        if (caller.isPresent() && (consolePages || checkUserHeader(request, caller.get()))) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(caller.get()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private Optional<Caller> fromSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login)) {
            return Optional.empty();
        }
        Optional<UserView> user = readModel.user(login.userId());
        if (user.isEmpty() || user.get().deleted() || user.get().credentialsStamp() != login.credentialsStamp()) {
            // The password, role or status changed since this login, or the user is gone: the session ends here.
            session.invalidate();
            refuse(request, "your session has ended; please log in again", "AUTH_SESSION_REVOKED");
            return Optional.empty();
        }
        return usable(request, user.get(), true);
    }

    private Optional<Caller> fromAccessToken(HttpServletRequest request) {
        String token = accessToken(request.getHeader("Authorization"));
        if (token == null) {
            return Optional.empty();
        }
        Optional<UserView> user = readModel.queryOptional(
                new FindUserByAccessTokenQuery(secretBox.accessTokenDigest(token)), UserView.class);
        if (user.isEmpty()) {
            refuse(request, "the access token is not valid", "AUTH_UNAUTHORIZED");
            return Optional.empty();
        }
        return usable(request, user.get(), false);
    }

    private Optional<Caller> usable(HttpServletRequest request, UserView user, boolean bySession) {
        if (user.disabled()) {
            refuse(request, "User has been banned.", "AUTH_USER_DISABLED");
            return Optional.empty();
        }
        return Optional.of(new Caller(user, UserJson.role(user), bySession));
    }

    private boolean checkUserHeader(HttpServletRequest request, Caller caller) {
        String header = request.getHeader(USER_HEADER);
        if (header == null || !header.trim().equals(Long.toString(caller.user().number()))) {
            refuse(request, "the New-Api-User header must carry your user id", "AUTH_UNAUTHORIZED");
            return false;
        }
        return true;
    }

    /** API keys ({@code sk-…}) on the same header belong to the relay's own routes, not to a management login. */
    static @Nullable String accessToken(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value.isEmpty() || value.startsWith("sk-") ? null : value;
    }

    private static void refuse(HttpServletRequest request, String message, String code) {
        request.setAttribute(REFUSAL, new Refusal(message, code));
    }

    /** The answer for a request that reached a user route without a caller. */
    public static void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Refusal refusal = request.getAttribute(REFUSAL) instanceof Refusal r ? r
                : new Refusal("not logged in and no access token provided", "AUTH_UNAUTHORIZED");
        EnvelopeResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, refusal.message(), refusal.code());
    }

    /** The answer for a caller whose role (or way in) is not enough for the route. */
    public static void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean tokenCaller = Caller.find().map(caller -> !caller.bySession()).orElse(false);
        EnvelopeResponses.write(response, HttpServletResponse.SC_FORBIDDEN, tokenCaller
                ? "you do not have permission for this, or it needs a browser login rather than an access token"
                : "you do not have permission for this", "AUTH_INSUFFICIENT_PRIVILEGE");
    }
}
