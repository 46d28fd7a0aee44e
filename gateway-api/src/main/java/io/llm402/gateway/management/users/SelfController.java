package io.llm402.gateway.management.users;

import io.llm402.domain.account.api.EditUserCommand;
import io.llm402.domain.account.api.IssueAccessTokenCommand;
import io.llm402.domain.account.api.ManageUserCommand;
import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.account.api.UserAction;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.Caller;
import io.llm402.gateway.management.Envelope;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.gateway.management.ManagementException;
import io.llm402.gateway.management.RandomSecrets;
import io.llm402.gateway.management.UserJson;
import io.llm402.gateway.management.auth.Credentials;
import io.llm402.gateway.management.auth.LoginSessions;
import io.llm402.projections.access.api.FindLoginCredentialsQuery;
import io.llm402.projections.access.api.FindUserByAccessTokenQuery;
import io.llm402.projections.access.api.LoginCredentials;
import io.llm402.projections.access.api.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in user's own account: read, update, delete, and the management access token. */
@RestController
class SelfController {

    private final AccessReadModel readModel;
    private final UserViews views;
    private final ManagementCommands commands;
    private final PasswordHasher hasher;
    private final SecretBox secretBox;

    SelfController(AccessReadModel readModel, UserViews views, ManagementCommands commands, PasswordHasher hasher,
                   SecretBox secretBox) {
        this.readModel = readModel;
        this.views = views;
        this.commands = commands;
        this.hasher = hasher;
        this.secretBox = secretBox;
    }

    @GetMapping("/api/user/self")
    Envelope<UserJson> self() {
        return Envelope.ok(views.json(Caller.current().user()));
    }

    record SelfUpdate(@Nullable String username, @Nullable String displayName, @Nullable String password,
                      @Nullable String originalPassword) {
    }

    /** Display name, and the password given the current one. The username stays: the account's id derives from it. */
    @PutMapping("/api/user/self")
    Envelope<Void> update(@RequestBody SelfUpdate body, HttpServletRequest request) {
        Caller caller = Caller.current();
        if (body.username() != null && !body.username().isBlank()
                && !body.username().trim().equals(caller.user().username())) {
            throw ManagementException.badRequest("usernames cannot be changed");
        }
        String password = null;
        if (body.password() != null && !body.password().isEmpty()) {
            password = Credentials.password(body.password());
            String current = body.originalPassword();
            String hash = readModel.queryOptional(new FindLoginCredentialsQuery(caller.user().username()),
                    LoginCredentials.class).map(LoginCredentials::passwordHash).orElse(null);
            if (current == null || hash == null || !hasher.matches(current, hash)) {
                throw new ManagementException(HttpStatus.FORBIDDEN, "the original password is wrong",
                        "AUTH_INVALID_CREDENTIALS");
            }
        }
        String displayName = body.displayName() == null ? null
                : Credentials.displayName(body.displayName(), caller.user().username());
        commands.send(new EditUserCommand(caller.userId(), displayName, null, null, null, password,
                caller.actor()), caller);
        if (password != null) {
            // Every other session of this user ends with the new stamp; this one carries on under it.
            long before = caller.user().credentialsStamp();
            readModel.awaitUser(caller.userId(), u -> u.credentialsStamp() != before)
                    .ifPresent(user -> LoginSessions.restamp(request, user));
        }
        return Envelope.ok();
    }

    @DeleteMapping("/api/user/self")
    Envelope<Void> delete(HttpServletRequest request) {
        Caller caller = Caller.current();
        commands.send(new ManageUserCommand(caller.userId(), UserAction.DELETE, caller.actor()), caller);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Envelope.ok();
    }

    /**
     * A new management access token, shown this once (new-api's route and behaviour: each call replaces the last);
     * only its digest is kept.
     */
    @GetMapping("/api/user/token")
    Envelope<String> accessToken() {
        Caller caller = Caller.current();
        String token = RandomSecrets.of(RandomSecrets.UNAMBIGUOUS, 32);
        String digest = secretBox.accessTokenDigest(token);
        commands.send(new IssueAccessTokenCommand(caller.userId(), digest), caller);
        readModel.await(() -> readModel.queryOptional(new FindUserByAccessTokenQuery(digest), UserView.class),
                user -> true);
        return Envelope.ok(token);
    }
}
