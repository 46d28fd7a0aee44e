package io.llm402.domain.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.llm402.domain.payment.api.ClaimOutcome;
import io.llm402.domain.payment.api.ClaimPaymentCommand;
import io.llm402.domain.payment.api.PaymentClaimedEvent;
import io.llm402.domain.payment.api.PaymentCoveredByCreditEvent;
import io.llm402.domain.payment.api.PaymentCreditedEvent;
import io.llm402.domain.payment.api.PaymentFailedEvent;
import io.llm402.domain.payment.api.PaymentPurpose;
import io.llm402.domain.payment.api.PaymentSettledEvent;
import io.llm402.domain.payment.api.PaymentVerifiedEvent;
import io.llm402.domain.payment.api.RecordPaymentCoveredByCreditCommand;
import io.llm402.domain.payment.api.RecordPaymentCreditedCommand;
import io.llm402.domain.payment.api.RecordPaymentFailedCommand;
import io.llm402.domain.payment.api.RecordPaymentSettledCommand;
import io.llm402.domain.payment.api.RecordPaymentVerifiedCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;

/** One signed x402 authorization, from its claim to its settlement (or failure), and the credit it left. */
@Aggregate
class X402Payment {

    @AggregateIdentifier
    private @Nullable String paymentId;
    private PaymentProgress progress = PaymentProgress.CLAIMED;
    private PaymentPurpose purpose = PaymentPurpose.REQUEST;
    private String requestId = "";
    private String userId = "";
    private String network = "";
    private String amountAtomic = "0";
    private long amountNanoUsd;

    X402Payment() {
        // Axon creates an empty instance, then sources it from events.
    }

    /**
     * Creating the aggregate is the claim. A payment that exists is answered {@code ALREADY_CLAIMED}, a value the
     * caller reads on any node; two claims racing on two nodes are decided by the event store's unique key, and the
     * loser's retry reads the winner's payment.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ClaimOutcome handle(ClaimPaymentCommand command) {
        if (command.amountNanoUsd() <= 0) {
            throw new IllegalArgumentException("a payment is for a positive amount");
        }
        if (paymentId != null) {
            return ClaimOutcome.ALREADY_CLAIMED;
        }
        apply(new PaymentClaimedEvent(command.paymentId(), command.purpose(), command.requestId(), command.userId(),
                command.network(), command.asset(), command.payer(), command.nonce(), command.amountAtomic(),
                command.amountNanoUsd(), command.validBefore(), command.claimedAt()));
        return ClaimOutcome.CLAIMED;
    }

    @CommandHandler
    void handle(RecordPaymentVerifiedCommand command) {
        if (progress.allows(PaymentProgress.VERIFIED)) {
            apply(new PaymentVerifiedEvent(paymentId, command.verifiedAt()));
        }
    }

    @CommandHandler
    void handle(RecordPaymentSettledCommand command) {
        if (progress.allows(PaymentProgress.SETTLED)) {
            apply(new PaymentSettledEvent(paymentId, purpose, userId, network, command.transaction(), amountAtomic,
                    amountNanoUsd, command.settledAt()));
        }
    }

    @CommandHandler
    void handle(RecordPaymentFailedCommand command) {
        if (progress.allows(PaymentProgress.FAILED)) {
            apply(new PaymentFailedEvent(paymentId, command.stage(), command.reason(), command.failedAt()));
        }
    }

    @CommandHandler
    void handle(RecordPaymentCoveredByCreditCommand command) {
        if (progress.allows(PaymentProgress.COVERED_BY_CREDIT)) {
            apply(new PaymentCoveredByCreditEvent(paymentId, requestId, userId, command.at()));
        }
    }

    @CommandHandler
    void handle(RecordPaymentCreditedCommand command) {
        if (command.chargedNanoUsd() < 0 || command.chargedNanoUsd() > amountNanoUsd) {
            throw new IllegalArgumentException("a request charged from a payment costs between zero and the payment");
        }
        if (progress.allows(PaymentProgress.CREDITED)) {
            apply(new PaymentCreditedEvent(paymentId, requestId, userId, amountNanoUsd, command.chargedNanoUsd(),
                    amountNanoUsd - command.chargedNanoUsd()));
        }
    }

    @EventSourcingHandler
    void on(PaymentClaimedEvent event) {
        paymentId = event.paymentId();
        purpose = event.purpose();
        requestId = event.requestId();
        userId = event.userId();
        network = event.network();
        amountAtomic = event.amountAtomic();
        amountNanoUsd = event.amountNanoUsd();
        progress = PaymentProgress.CLAIMED;
    }

    @EventSourcingHandler
    void on(PaymentVerifiedEvent event) {
        progress = PaymentProgress.VERIFIED;
    }

    @EventSourcingHandler
    void on(PaymentSettledEvent event) {
        progress = PaymentProgress.SETTLED;
    }

    @EventSourcingHandler
    void on(PaymentFailedEvent event) {
        progress = PaymentProgress.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentCoveredByCreditEvent event) {
        progress = PaymentProgress.COVERED_BY_CREDIT;
    }

    @EventSourcingHandler
    void on(PaymentCreditedEvent event) {
        progress = PaymentProgress.CREDITED;
    }
}
