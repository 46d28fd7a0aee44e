package io.llm402.domain.redemption;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.redemption.api.DeleteRedemptionCodeCommand;
import io.llm402.domain.redemption.api.EditRedemptionCodeCommand;
import io.llm402.domain.redemption.api.IssueRedemptionCodeCommand;
import io.llm402.domain.redemption.api.RedeemCodeCommand;
import io.llm402.domain.redemption.api.RedemptionCodeChangedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeDeletedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeDisabledEvent;
import io.llm402.domain.redemption.api.RedemptionCodeEnabledEvent;
import io.llm402.domain.redemption.api.RedemptionCodeIssuedEvent;
import io.llm402.domain.redemption.api.RedemptionCodeRedeemedEvent;
import io.llm402.domain.redemption.api.RedemptionRefusedException;
import io.llm402.domain.redemption.api.RedemptionTerms;
import io.llm402.domain.redemption.api.SetRedemptionCodeStatusCommand;
import io.llm402.domain.shared.DefinitionOutcome;
import io.llm402.domain.shared.NoSuchAggregateException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/**
 * One redemption code. Redeeming is decided here, once: two users racing for the same code both load this aggregate,
 * and the event store lets only one append.
 */
@Aggregate
class RedemptionCode {

    @AggregateIdentifier
    private @Nullable String codeId;
    private @Nullable RedemptionTerms terms;
    private boolean disabled;
    private boolean redeemed;
    private boolean deleted;

    RedemptionCode() {
        // Axon creates an empty instance, then sources it from events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DefinitionOutcome handle(IssueRedemptionCodeCommand command) {
        if (codeId != null) {
            // Ids are random or derived from an imported code's id: the same id again is the same code again.
            return DefinitionOutcome.UNCHANGED;
        }
        apply(new RedemptionCodeIssuedEvent(command.codeId(), command.terms(), command.keyDigest(),
                command.keyHint()));
        return DefinitionOutcome.CREATED;
    }

    @CommandHandler
    DefinitionOutcome handle(EditRedemptionCodeCommand command) {
        checkUnused();
        if (command.terms().equals(terms)) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(new RedemptionCodeChangedEvent(command.codeId(), command.terms()));
        return DefinitionOutcome.CHANGED;
    }

    @CommandHandler
    DefinitionOutcome handle(SetRedemptionCodeStatusCommand command) {
        checkUnused();
        if (command.enabled() == !disabled) {
            return DefinitionOutcome.UNCHANGED;
        }
        apply(command.enabled() ? new RedemptionCodeEnabledEvent(command.codeId())
                : new RedemptionCodeDisabledEvent(command.codeId()));
        return DefinitionOutcome.CHANGED;
    }

    @CommandHandler
    void handle(DeleteRedemptionCodeCommand command) {
        checkExists();
        apply(new RedemptionCodeDeletedEvent(command.codeId()));
    }

    @CommandHandler
    long handle(RedeemCodeCommand command) {
        if (codeId == null || deleted || terms == null) {
            throw new RedemptionRefusedException("this code is not valid");
        }
        if (redeemed) {
            throw new RedemptionRefusedException("this code has already been used");
        }
        if (disabled) {
            throw new RedemptionRefusedException("this code is disabled");
        }
        if (terms.expiresAt() != null && !command.at().isBefore(terms.expiresAt())) {
            throw new RedemptionRefusedException("this code has expired");
        }
        apply(new RedemptionCodeRedeemedEvent(command.codeId(), command.userId(), terms.amountNanoUsd()));
        return terms.amountNanoUsd();
    }

    private void checkExists() {
        if (codeId == null || deleted) {
            throw new NoSuchAggregateException("no such redemption code");
        }
    }

    private void checkUnused() {
        checkExists();
        if (redeemed) {
            throw new RedemptionRefusedException("a used code cannot be changed");
        }
    }

    @EventSourcingHandler
    void on(RedemptionCodeIssuedEvent event) {
        codeId = event.codeId();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(RedemptionCodeChangedEvent event) {
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(RedemptionCodeDisabledEvent event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(RedemptionCodeEnabledEvent event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(RedemptionCodeRedeemedEvent event) {
        redeemed = true;
    }

    @EventSourcingHandler
    void on(RedemptionCodeDeletedEvent event) {
        deleted = true;
    }
}
