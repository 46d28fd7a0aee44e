package io.llm402.gateway.management.auth;

import io.llm402.domain.account.api.Actor;
import io.llm402.domain.account.api.BindExternalIdentityCommand;
import io.llm402.domain.account.api.ExternalIdentityKey;
import io.llm402.domain.account.api.ExternalProvider;
import io.llm402.domain.account.api.RecordExternalLoginCommand;
import io.llm402.domain.account.api.RegisterExternalUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UserManagementRefusedException;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.settings.api.SettingKey;
import io.llm402.domain.shared.NaturalIds;
import io.llm402.gateway.catalog.Catalog;
import io.llm402.gateway.management.AccessReadModel;
import io.llm402.gateway.management.ManagementCommands;
import io.llm402.projections.access.api.Bindings;
import io.llm402.projections.access.api.ExternalIdentityView;
import io.llm402.projections.access.api.FindExternalIdentityQuery;
import io.llm402.projections.access.api.FindUserIdByEmailQuery;
import io.llm402.projections.access.api.ListBindingsQuery;
import io.llm402.projections.access.api.NextUserNumberQuery;
import io.llm402.projections.access.api.UserView;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an identity a provider vouched for means here (identity.md §2.6): with a bind intent it is bound to the user
 * who started it, never moved from another user; without one it logs in as the user it is bound to, or registers a
 * new user when registration is open for that provider. Every outcome is an event on the identity.
 */
@Component
public class ExternalAccounts {

    private static final Logger log = LoggerFactory.getLogger(ExternalAccounts.class);

    private final AccessReadModel readModel;
    private final ManagementCommands commands;
    private final Catalog catalog;

    ExternalAccounts(AccessReadModel readModel, ManagementCommands commands, Catalog catalog) {
        this.readModel = readModel;
        this.commands = commands;
        this.catalog = catalog;
    }

    public sealed interface Outcome {
    }

    /** Log in as this user (through the second factor when they have one). */
    public record LogIn(UserView user) implements Outcome {
    }

    /** The identity is now bound to the user who asked. */
    public record Bound(ExternalProvider provider) implements Outcome {
    }

    /** Refused, with a message for the person at the browser. */
    public record Refused(String reason) implements Outcome {
    }

    /**
     * @param bindUserId the user who started a bind of this provider, or {@code null} for a login
     * @param mayRegister whether this provider registers unknown identities (Telegram never does, as in new-api)
     */
    public Outcome admit(ExternalProfile profile, @Nullable String bindUserId, boolean mayRegister) {
        ExternalIdentityKey key = profile.key();
        Optional<ExternalIdentityView> bound = identity(key);
        if (bindUserId != null) {
            return bind(profile, bindUserId, bound);
        }
        if (bound.isPresent()) {
            Optional<UserView> user = readModel.user(bound.get().userId()).filter(u -> !u.deleted());
            if (user.isEmpty()) {
                return refuse(key, "the account this login was bound to no longer exists");
            }
            return logIn(key, user.get());
        }
        Optional<UserView> merged = mergeByVerifiedEmail(profile);
        if (merged.isPresent()) {
            return logIn(key, merged.get());
        }
        if (!mayRegister || !catalog.snapshot().flag(SettingKey.REGISTER_ENABLED.wireName(), true)) {
            return refuse(key, "no account is bound to this " + key.provider().wireName()
                    + " login: log in another way and bind it from your profile");
        }
        return register(profile);
    }

    private Outcome bind(ExternalProfile profile, String userId, Optional<ExternalIdentityView> bound) {
        ExternalIdentityKey key = profile.key();
        if (bound.isPresent() && !bound.get().userId().equals(userId)) {
            return refuse(key, "this " + key.provider().wireName() + " account is already bound to another user");
        }
        Bindings mine = readModel.query(new ListBindingsQuery(userId), Bindings.class);
        Optional<ExternalIdentityView> sameProvider = mine.of(key.provider().wireName());
        if (sameProvider.isPresent() && !sameProvider.get().identityId().equals(key.identityId())) {
            return new Refused("you already have a " + key.provider().wireName()
                    + " account bound: unbind it first");
        }
        try {
            commands.send(new BindExternalIdentityCommand(key, userId, profile.display(),
                    new Actor(userId, Role.USER)), new Actor(userId, Role.USER));
        } catch (UserManagementRefusedException e) {
            return refuse(key, e.getMessage());
        }
        readModel.await(() -> identity(key), view -> view.userId().equals(userId));
        return new Bound(key.provider());
    }

    private Outcome logIn(ExternalIdentityKey key, UserView user) {
        if (user.disabled()) {
            return refuse(key, "User has been banned.");
        }
        commands.send(RecordExternalLoginCommand.succeeded(key, user.userId()), new Actor(user.userId(), Role.USER));
        return new LogIn(user);
    }

    /** Only a verified email, only when an admin turned merging on, only OIDC, and only one user with that email. */
    private Optional<UserView> mergeByVerifiedEmail(ExternalProfile profile) {
        if (profile.key().provider() != ExternalProvider.OIDC || profile.email() == null || !profile.emailVerified()
                || !catalog.snapshot().flag(SettingKey.OIDC_MERGE_VERIFIED_EMAIL.wireName(), false)) {
            return Optional.empty();
        }
        Optional<UserView> user = readModel.queryOptional(new FindUserIdByEmailQuery(profile.email()), String.class)
                .flatMap(readModel::user);
        user.ifPresent(u -> {
            commands.send(new BindExternalIdentityCommand(profile.key(), u.userId(), profile.display(),
                    new Actor(u.userId(), Role.USER)), new Actor(u.userId(), Role.USER));
            readModel.await(() -> identity(profile.key()), view -> view.userId().equals(u.userId()));
        });
        return user;
    }

    private Outcome register(ExternalProfile profile) {
        ExternalIdentityKey key = profile.key();
        String prefix = key.provider() == ExternalProvider.LINUX_DO ? "linuxdo" : key.provider().wireName();
        String email = validEmail(profile.email());
        String username = usable(profile.preferredUsername());
        for (int attempt = 0; attempt < 5; attempt++) {
            if (username == null || readModel.user(NaturalIds.userId(username)).isPresent()) {
                // new-api's rule: the provider's prefix and the next user number.
                long next = readModel.query(new NextUserNumberQuery(), Long.class) + attempt;
                username = prefix + "_" + next;
                if (readModel.user(NaturalIds.userId(username)).isPresent()) {
                    username = null;
                    continue;
                }
            }
            String userId = NaturalIds.userId(username);
            try {
                commands.send(new RegisterExternalUserCommand(userId, new UserProfile(username, Role.USER, "default"),
                        displayName(profile.display(), username), email, key), new Actor(userId, Role.USER));
            } catch (UserManagementRefusedException e) {
                username = null;
                continue;
            }
            commands.send(new BindExternalIdentityCommand(key, userId, profile.display(),
                    new Actor(userId, Role.USER)), new Actor(userId, Role.USER));
            UserView user = readModel.awaitUser(userId, u -> true).orElseThrow();
            readModel.await(() -> identity(key), view -> view.userId().equals(userId));
            log.info("A new user {} registered through {}", userId, key.provider().wireName());
            return logIn(key, user);
        }
        return refuse(key, "no free username could be found; try again");
    }

    private Outcome refuse(ExternalIdentityKey key, String reason) {
        commands.send(RecordExternalLoginCommand.refused(key, reason), new Actor("anonymous", Role.USER));
        return new Refused(reason);
    }

    private Optional<ExternalIdentityView> identity(ExternalIdentityKey key) {
        return readModel.queryOptional(new FindExternalIdentityQuery(key.identityId()), ExternalIdentityView.class);
    }

    /** The provider's name when it is a valid username here (new-api's length and characters), else none. */
    private static @Nullable String usable(@Nullable String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        return trimmed.matches("[a-z0-9_.-]{1,20}") ? trimmed : null;
    }

    private static @Nullable String validEmail(@Nullable String email) {
        return email != null && email.length() <= 254 && email.matches("[^@\\s]+@[^@\\s]+") ? email : null;
    }

    private static String displayName(String display, String fallback) {
        String trimmed = display.trim();
        return trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > 64
                || trimmed.codePoints().anyMatch(Character::isISOControl) ? fallback : trimmed;
    }
}
