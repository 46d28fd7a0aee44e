package io.llm402.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.account.api.BindExternalIdentityCommand;
import io.llm402.domain.account.api.ExternalIdentityBoundEvent;
import io.llm402.domain.account.api.ExternalIdentityKey;
import io.llm402.domain.account.api.ExternalIdentityUnboundEvent;
import io.llm402.domain.account.api.ExternalLoginRefusedEvent;
import io.llm402.domain.account.api.ExternalLoginSucceededEvent;
import io.llm402.domain.account.api.RecordExternalLoginCommand;
import io.llm402.domain.account.api.Role;
import io.llm402.domain.account.api.UnbindExternalIdentityCommand;
import io.llm402.domain.account.api.UserManagementRefusedException;
import io.llm402.domain.account.api.UserManagementRefusedException.Reason;
import io.llm402.domain.shared.DefinitionOutcome;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/**
 * One external identity and the user it logs in as. Its id derives from (provider, issuer, subject), so the event
 * store's unique aggregate sequence is what keeps two users from binding the same identity at once.
 */
@Aggregate
class ExternalIdentity {

    @AggregateIdentifier
    private @Nullable String identityId;
    private @Nullable ExternalIdentityKey key;
    private @Nullable String boundTo;

    ExternalIdentity() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(BindExternalIdentityCommand command) {
        if (command.userId().equals(boundTo)) {
            return DefinitionOutcome.UNCHANGED;
        }
        if (boundTo != null) {
            throw new UserManagementRefusedException(Reason.CONFLICT,
                    "this " + command.key().provider().wireName() + " account is already bound to another user");
        }
        boolean created = identityId == null;
        apply(new ExternalIdentityBoundEvent(command.identityId(), command.key(), command.userId(), command.display()));
        return DefinitionOutcome.of(created, !created);
    }

    @CommandHandler
    void handle(UnbindExternalIdentityCommand command) {
        if (!command.userId().equals(boundTo)) {
            throw new UserManagementRefusedException(Reason.NOT_FOUND, "no such binding");
        }
        if (!command.actor().is(command.userId()) && command.actor().role() == Role.USER) {
            throw new UserManagementRefusedException(Reason.FORBIDDEN, "only the user or an admin may unbind it");
        }
        apply(new ExternalIdentityUnboundEvent(command.identityId(), Objects.requireNonNull(key), command.userId(),
                command.actor().userId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordExternalLoginCommand command) {
        if (command.userId() != null) {
            apply(new ExternalLoginSucceededEvent(command.identityId(), command.key(), command.userId()));
        } else {
            apply(new ExternalLoginRefusedEvent(command.identityId(), command.key(),
                    command.refusal() == null ? "refused" : command.refusal()));
        }
    }

    @EventSourcingHandler
    void on(ExternalIdentityBoundEvent event) {
        identityId = event.identityId();
        key = event.key();
        boundTo = event.userId();
    }

    @EventSourcingHandler
    void on(ExternalIdentityUnboundEvent event) {
        boundTo = null;
    }

    @EventSourcingHandler
    void on(ExternalLoginSucceededEvent event) {
        identityId = event.identityId();
        key = event.key();
    }

    @EventSourcingHandler
    void on(ExternalLoginRefusedEvent event) {
        identityId = event.identityId();
        key = event.key();
    }
}
