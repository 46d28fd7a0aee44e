package io.llm402.domain.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.access.api.ApiTokenDeletedEvent;
import io.llm402.domain.access.api.ApiTokenDisabledEvent;
import io.llm402.domain.access.api.ApiTokenEnabledEvent;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenKeyReplacedEvent;
import io.llm402.domain.access.api.ApiTokenTerms;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import io.llm402.domain.access.api.CreateApiTokenCommand;
import io.llm402.domain.access.api.DefineApiTokenCommand;
import io.llm402.domain.access.api.DeleteApiTokenCommand;
import io.llm402.domain.access.api.EditApiTokenCommand;
import io.llm402.domain.access.api.NoSuchApiTokenException;
import io.llm402.domain.access.api.SetApiTokenStatusCommand;
import io.llm402.domain.account.api.Actor;
import io.llm402.domain.shared.DefinitionOutcome;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

@Aggregate
class ApiToken {

    @AggregateIdentifier
    private @Nullable String tokenId;
    private @Nullable String userId;
    private @Nullable ApiTokenTerms terms;
    private @Nullable String keyDigest;
    private boolean disabled;
    private boolean deleted;

    ApiToken() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(DefineApiTokenCommand command) {
        if (tokenId == null) {
            apply(new ApiTokenIssuedEvent(command.tokenId(), command.userId(), command.terms(), command.keyDigest(),
                    command.keyHint()));
            return DefinitionOutcome.CREATED;
        }
        if (!command.userId().equals(userId)) {
            throw new IllegalArgumentException("token " + command.terms().name() + " belongs to another user");
        }
        boolean changed = false;
        if (!command.terms().equals(terms)) {
            apply(new ApiTokenTermsChangedEvent(tokenId, command.terms()));
            changed = true;
        }
        if (!command.keyGenerated() && !command.keyDigest().equals(keyDigest)) {
            apply(new ApiTokenKeyReplacedEvent(tokenId, command.keyDigest(), command.keyHint()));
            changed = true;
        }
        return DefinitionOutcome.of(false, changed);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateApiTokenCommand command) {
        if (tokenId != null) {
            throw new IllegalStateException("token id " + command.tokenId() + " is taken");
        }
        apply(new ApiTokenIssuedEvent(command.tokenId(), command.actor().userId(), command.terms(),
                command.keyDigest(), command.keyHint()));
    }

    @CommandHandler
    DefinitionOutcome handle(EditApiTokenCommand command) {
        checkOwnedBy(command.actor());
        if (command.terms().equals(terms)) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(new ApiTokenTermsChangedEvent(command.tokenId(), command.terms()));
        return DefinitionOutcome.CHANGED;
    }

    @CommandHandler
    void handle(DeleteApiTokenCommand command) {
        checkOwnedBy(command.actor());
        apply(new ApiTokenDeletedEvent(command.tokenId()));
    }

    private void checkOwnedBy(Actor actor) {
        if (deleted || !actor.is(Objects.requireNonNull(userId))) {
            throw new NoSuchApiTokenException();
        }
    }

    @CommandHandler
    DefinitionOutcome handle(SetApiTokenStatusCommand command) {
        if (command.enabled() == !disabled) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(command.enabled() ? new ApiTokenEnabledEvent(tokenId) : new ApiTokenDisabledEvent(tokenId));
        return DefinitionOutcome.CHANGED;
    }

    @EventSourcingHandler
    void on(ApiTokenDisabledEvent event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(ApiTokenEnabledEvent event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(ApiTokenIssuedEvent event) {
        tokenId = event.tokenId();
        userId = event.userId();
        terms = event.terms();
        keyDigest = event.keyDigest();
    }

    @EventSourcingHandler
    void on(ApiTokenDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(ApiTokenTermsChangedEvent event) {
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(ApiTokenKeyReplacedEvent event) {
        keyDigest = event.keyDigest();
    }
}
