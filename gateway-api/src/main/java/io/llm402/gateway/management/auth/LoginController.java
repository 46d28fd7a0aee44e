package io.llm402.gateway.management.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.account.api.RegisterUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.Roles;
import io.llm402.gateway.management.UserJson;
import io.llm402.projections.access.api.FindLoginCredentialsQuery;
import io.llm402.projections.access.api.LoginCredentials;
import io.llm402.projections.access.api.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** new-api's password login, logout and self-registration. */
@RestController
class LoginController {

    /** Checked when the login names nobody, so that a wrong name costs as long as a wrong password. */
    private final String nobodyHash;

    private final AccessReadModel readModel;
    private final PasswordHasher hasher;
    private final ManagementCommands commands;
    private final LoginThrottle throttle;
    private final Catalog catalog;

    LoginController(AccessReadModel readModel, PasswordHasher hasher, ManagementCommands commands,
                    LoginThrottle throttle, Catalog catalog) {
        this.readModel = readModel;
        this.hasher = hasher;
        this.commands = commands;
        this.throttle = throttle;
        this.catalog = catalog;
        this.nobodyHash = hasher.hash(java.util.UUID.randomUUID().toString());
    }

    record LoginRequest(@Nullable String username, @Nullable String password) {
    }

    /** What the console keeps after a login (new-api's fields): it sends {@code New-Api-User: id} from then on. */
    record LoggedIn(long id, String username, String displayName, int role, int status, String group) {
    }

    /** The password step; with a second factor in force, the answer is {@code require_2fa} and no login yet. */
    @PostMapping("/api/user/login")
    Envelope<Object> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        if (body.username() == null || body.username().isBlank() || body.password() == null
                || body.password().isEmpty()) {
            throw ManagementException.badRequest("username and password are required");
        }
        if (!catalog.snapshot().flag(SettingKey.PASSWORD_LOGIN_ENABLED.wireName(), true)) {
            throw ManagementException.forbidden("password login is turned off by the administrator");
        }
        String login = body.username().trim();
        if (!throttle.tryAttempt(request.getRemoteAddr(), login)) {
            throw new ManagementException(HttpStatus.TOO_MANY_REQUESTS,
                    "too many login attempts; wait a few minutes and try again", "RATE_LIMITED");
        }
        Optional<LoginCredentials> credentials = readModel.queryOptional(new FindLoginCredentialsQuery(login),
                LoginCredentials.class);
        boolean matches = hasher.matches(body.password(),
                credentials.map(LoginCredentials::passwordHash).orElse(nobodyHash));
        Optional<UserView> user = credentials.filter(c -> matches).flatMap(c -> readModel.user(c.userId()));
        if (user.isEmpty() || user.get().deleted()) {
            throw new ManagementException(HttpStatus.UNAUTHORIZED, "the username or password is wrong",
                    "AUTH_INVALID_CREDENTIALS");
        }
        if (user.get().disabled()) {
            throw new ManagementException(HttpStatus.FORBIDDEN, "User has been banned.", "AUTH_USER_DISABLED");
        }
        throttle.succeeded(request.getRemoteAddr(), login);
        if (user.get().twoFactor().enabled()) {
            return awaitSecondFactor(request, user.get());
        }
        return Envelope.ok(logIn(request, user.get()));
    }

    /** new-api's field name, which the naming strategy would spell {@code require2fa}. */
    record SecondStep(@JsonProperty("require_2fa") boolean require2fa) {
    }

    /**
     * The first step passed (a password, or a provider that vouched for the user) and a second factor is in force: a
     * fresh session holds the pending login, and the answer asks for the code.
     */
    static Envelope<Object> awaitSecondFactor(HttpServletRequest request, UserView user) {
        freshSession(request).setAttribute(PendingLogin.ATTRIBUTE, new PendingLogin(user.userId(), Instant.now()));
        return new Envelope<>(true, "enter the code from your authenticator app", new SecondStep(true), null);
    }

    /** A full login: a fresh session (no fixation) holding the user id and the credentials stamp, nothing else. */
    static LoggedIn logIn(HttpServletRequest request, UserView user) {
        HttpSession session = freshSession(request);
        session.setAttribute(SessionLogin.ATTRIBUTE, new SessionLogin(user.userId(), user.credentialsStamp()));
        return new LoggedIn(user.number(), user.username(), user.displayName(), Roles.wireValue(UserJson.role(user)),
                user.disabled() ? 2 : 1, user.group());
    }

    private static HttpSession freshSession(HttpServletRequest request) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        return request.getSession(true);
    }

    @GetMapping("/api/user/logout")
    Envelope<Void> logoutByGet(HttpServletRequest request) {
        return logout(request);
    }

    @PostMapping("/api/user/logout")
    Envelope<Void> logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Envelope.ok();
    }

    record RegisterRequest(@Nullable String username, @Nullable String password, @Nullable String displayName,
                           @Nullable String email) {
    }

    @PostMapping("/api/user/register")
    Envelope<Void> register(@RequestBody RegisterRequest body, HttpServletRequest request) {
        if (!catalog.snapshot().flag(SettingKey.REGISTER_ENABLED.wireName(), true)) {
            throw ManagementException.forbidden("registration is turned off by the administrator");
        }
        String username = Credentials.username(body.username());
        String password = Credentials.password(body.password());
        if (!throttle.tryAttempt(request.getRemoteAddr(), "register:" + username)) {
            throw new ManagementException(HttpStatus.TOO_MANY_REQUESTS,
                    "too many attempts; wait a few minutes and try again", "RATE_LIMITED");
        }
        String userId = NaturalIds.userId(username);
        Actor themselves = new Actor(userId, Role.USER);
        commands.send(new RegisterUserCommand(userId, new UserProfile(username, Role.USER, "default"),
                Credentials.displayName(body.displayName(), username), Credentials.email(body.email()), password,
                themselves), themselves);
        readModel.awaitUser(userId, user -> true);
        return Envelope.ok();
    }
}
