package io.llm402.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.account.api.DefineUserCommand;
import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.account.api.ProvisionRootUserCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.SetUserStatusCommand;
import io.llm402.domain.account.api.UserDisabledEvent;
import io.llm402.domain.account.api.UserEnabledEvent;
import io.llm402.domain.account.api.UserPasswordSetEvent;
import io.llm402.domain.account.api.UserProfile;
import io.llm402.domain.account.api.UserProfileChangedEvent;
import io.llm402.domain.account.api.UserRegisteredEvent;
import io.llm402.domain.shared.DefinitionOutcome;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

@Aggregate
class User {

    @AggregateIdentifier
    private @Nullable String userId;
    private @Nullable UserProfile profile;
    private @Nullable String passwordHash;
    private boolean disabled;

    User() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(DefineUserCommand command, PasswordHasher hasher) {
        boolean created = userId == null;
        boolean changed = false;
        if (created) {
            apply(new UserRegisteredEvent(command.userId(), command.profile()));
        } else if (!command.profile().equals(profile)) {
            apply(new UserProfileChangedEvent(command.userId(), command.profile()));
            changed = true;
        }
        String password = command.password();
        if (password != null && (passwordHash == null || !hasher.matches(password, passwordHash))) {
            apply(new UserPasswordSetEvent(command.userId(), hasher.hash(password)));
            changed = true;
        }
        return DefinitionOutcome.of(created, changed);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(ProvisionRootUserCommand command, PasswordHasher hasher) {
        if (userId != null) {
            return false;
        }
        apply(new UserRegisteredEvent(command.userId(), new UserProfile(command.username(), Role.ROOT, "default")));
        apply(new UserPasswordSetEvent(command.userId(), hasher.hash(command.password())));
        return true;
    }

    @CommandHandler
    DefinitionOutcome handle(SetUserStatusCommand command) {
        if (command.enabled() == !disabled) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(command.enabled() ? new UserEnabledEvent(userId) : new UserDisabledEvent(userId));
        return DefinitionOutcome.CHANGED;
    }

    @EventSourcingHandler
    void on(UserDisabledEvent event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserEnabledEvent event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(UserProfileChangedEvent event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(UserPasswordSetEvent event) {
        passwordHash = event.passwordHash();
    }
}
