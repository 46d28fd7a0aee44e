package io.llm402.gateway.payment;

import io.llm402.domain.ledger.api.DepositPaymentCommand;
import io.llm402.domain.ledger.api.TransferCode;
import io.llm402.domain.payment.api.ClaimOutcome;
import io.llm402.domain.payment.api.ClaimPaymentCommand;
import io.llm402.domain.payment.api.PaymentIds;
import io.llm402.domain.payment.api.PaymentPurpose;
import io.llm402.domain.payment.api.PaymentRequiredEvent;
import io.llm402.domain.payment.api.PaymentStage;
import io.llm402.domain.payment.api.RecordPaymentCoveredByCreditCommand;
import io.llm402.domain.payment.api.RecordPaymentCreditedCommand;
import io.llm402.domain.payment.api.RecordPaymentFailedCommand;
import io.llm402.domain.payment.api.RecordPaymentSettledCommand;
import io.llm402.domain.payment.api.RecordPaymentVerifiedCommand;
import io.llm402.domain.shared.GroupCommit;
import io.llm402.gateway.x402.ExactEvmVerifier;
import io.llm402.gateway.x402.FacilitatorClient;
import io.llm402.gateway.x402.FacilitatorException;
import io.llm402.gateway.x402.PaymentPayload;
import io.llm402.gateway.x402.PaymentRequired;
import io.llm402.gateway.x402.PaymentRequirements;
import io.llm402.gateway.x402.ResourceInfo;
import io.llm402.gateway.x402.SettlementResponse;
import io.llm402.gateway.x402.Verification;
import io.llm402.gateway.x402.VerifyResponse;
import io.llm402.gateway.x402.X402Codec;
import io.llm402.gateway.x402.X402Exception;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every step of an x402 payment, each recorded as an event: terms, the local check and the claim (before any upstream
 * call), the facilitator's verification and settlement, the deposit on the ledger, and what the payment left as
 * credit. Callers decide the order (verify → serve → settle for whole answers, settle first for streams).
 */
public final class PaymentDesk {

    private static final Logger log = LoggerFactory.getLogger(PaymentDesk.class);

    private final X402Terms terms;
    private final ExactEvmVerifier verifier;
    private final FacilitatorClient facilitator;
    private final CommandGateway commands;
    private final GroupCommit groupCommit;
    private final Clock clock;
    private final String group;
    private final @Nullable String publicUrl;

    public PaymentDesk(X402Terms terms, ExactEvmVerifier verifier, FacilitatorClient facilitator,
                       CommandGateway commands, GroupCommit groupCommit, Clock clock, String group,
                       @Nullable String publicUrl) {
        this.terms = terms;
        this.verifier = verifier;
        this.facilitator = facilitator;
        this.commands = commands;
        this.groupCommit = groupCommit;
        this.clock = clock;
        this.group = group;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null
                : publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The {@code resource} URL of payment terms: the configured public base URL, else the request's own URL. */
    public String resourceUrl(String requestUrl, String requestPath) {
        return publicUrl == null ? requestUrl : publicUrl + requestPath;
    }

    /** The price group agents paying per request are billed in. */
    public String group() {
        return group;
    }

    public X402Terms terms() {
        return terms;
    }

    /** The claimed authorization a request or top-up proceeds with. */
    public record Claim(String paymentId, PaymentPurpose purpose, String payer, String userId, PaymentPayload payload,
                        PaymentRequirements requirements, long amountNanoUsd) {
    }

    /** The outcome of checking and claiming a payment header: a claim, or the reason it was refused. */
    public record Admission(@Nullable Claim claim, @Nullable String refusal, String message) {

        static Admission refused(String reason, String message) {
            return new Admission(null, reason, message);
        }
    }

    /** The facilitator's answer to a verify or settle; {@code unavailable} when it could not be asked. */
    public record Outcome(boolean success, boolean unavailable, @Nullable String reason,
                          @Nullable SettlementResponse settlement) {
    }

    public PaymentRequired paymentRequired(String resourceUrl, String description, PaymentRequirements requirements,
                                           String error) {
        return new PaymentRequired(2, error, new ResourceInfo(resourceUrl, description, "application/json"),
                List.of(requirements));
    }

    /** Records that a caller was asked to pay (queued with the next group commit; nothing waits for it). */
    public void recordRequired(String requestId, String resourceUrl, PaymentRequirements requirements,
                               String reason) {
        groupCommit.append(List.of(GenericEventMessage.asEventMessage(new PaymentRequiredEvent(requestId, resourceUrl,
                requirements.network(), requirements.asset(), requirements.payTo(), requirements.amount(), reason,
                clock.instant()))));
    }

    /**
     * Decodes the {@code PAYMENT-SIGNATURE} header, matches it against {@code ours}, checks the signature, recipient,
     * amount and time window locally, then claims it. The claim is durable before this returns: a copy of the same
     * signature, now or later, on any node, is refused without reaching an upstream.
     *
     * @param userId the account a top-up is for; {@code null} for a request, which bills the payer's own address
     */
    public Admission admit(String header, PaymentRequirements ours, PaymentPurpose purpose, String requestId,
                           @Nullable String userId) {
        PaymentPayload payload;
        try {
            payload = X402Codec.decodePayment(header);
        } catch (X402Exception e) {
            return Admission.refused(e.reason(), "The PAYMENT-SIGNATURE header is not a valid x402 payment.");
        }
        Instant now = clock.instant();
        Verification verification = verifier.verify(payload, ours, terms.domain(), now);
        if (!verification.valid() || verification.payer() == null) {
            String reason = verification.reason() == null ? "invalid_payload" : verification.reason();
            return Admission.refused(reason, "The payment was refused (" + reason + "); sign the terms in the "
                    + "PAYMENT-REQUIRED header of this response.");
        }
        var authorization = payload.payload().authorization();
        String payer = verification.payer();
        String paymentId = PaymentIds.of(ours.network(), ours.asset(), payer, authorization.nonce());
        String owner = userId != null ? userId : PaymentIds.payerUserId(payer);
        long nanoUsd = terms.nanoUsd(ours.amount());
        ClaimPaymentCommand claim = new ClaimPaymentCommand(paymentId, purpose, requestId, owner, ours.network(),
                ours.asset(), payer, authorization.nonce(), ours.amount(), nanoUsd,
                Instant.ofEpochSecond(Long.parseLong(authorization.validBefore())), now);
        if (claim(claim) == ClaimOutcome.ALREADY_CLAIMED) {
            return Admission.refused("invalid_exact_evm_nonce_already_used",
                    "This payment was already used; sign a new one.");
        }
        return new Admission(new Claim(paymentId, purpose, payer, owner, payload, ours, nanoUsd), null, "");
    }

    /** Asks the facilitator whether the claimed authorization would settle (balance, nonce unused on chain). */
    public Outcome verify(Claim claim) {
        VerifyResponse response;
        try {
            response = facilitator.verify(claim.payload(), claim.requirements());
        } catch (FacilitatorException e) {
            log.warn("x402 facilitator verify failed for payment {}: {}", claim.paymentId(), e.getMessage());
            fail(claim, PaymentStage.VERIFY, "facilitator unavailable");
            return new Outcome(false, true, "facilitator_unavailable", null);
        }
        if (!response.isValid()) {
            String reason = response.invalidReason() == null ? "invalid_payment" : response.invalidReason();
            fail(claim, PaymentStage.VERIFY, reason);
            return new Outcome(false, false, reason, null);
        }
        commands.sendAndWait(new RecordPaymentVerifiedCommand(claim.paymentId(), clock.instant()));
        return new Outcome(true, false, null, null);
    }

    /**
     * Settles on chain and records the settlement; the deposit follows ({@link #deposit}, and from the settled event
     * by {@link SettledPaymentDeposits} should this node fail before it). The settlement returned is fit for the
     * client: only the protocol's fields, never a facilitator's free text (it can quote an RPC address).
     */
    public Outcome settle(Claim claim) {
        SettlementResponse response;
        try {
            response = facilitator.settle(claim.payload(), claim.requirements());
        } catch (FacilitatorException e) {
            // Whether the transfer happened is not known: the claim stays (never re-payable), the log names it.
            log.warn("x402 facilitator settle failed for payment {}: {}", claim.paymentId(), e.getMessage());
            fail(claim, PaymentStage.SETTLE, "outcome unknown: facilitator unavailable");
            return new Outcome(false, true, "settlement_unknown", null);
        }
        response = new SettlementResponse(response.success(), response.errorReason(), null, response.payer(),
                response.transaction(), response.network(), response.amount());
        if (!response.success()) {
            String reason = response.errorReason() == null ? "settlement_failed" : response.errorReason();
            if (!response.transaction().isBlank()) {
                // Still pending after the client's one retry: the transfer may yet confirm. Keep its hash on the
                // payment so an operator can reconcile it; the client is not asked to pay twice for this signature.
                log.warn("x402 payment {} not settled ({}), transaction {} may still confirm", claim.paymentId(),
                        reason, response.transaction());
                reason = reason + " " + response.transaction();
            }
            fail(claim, PaymentStage.SETTLE, reason);
            return new Outcome(false, false, reason, response);
        }
        String transaction = response.transaction();
        retried("record the settlement of x402 payment " + claim.paymentId() + " (transaction " + transaction + ")",
                () -> commands.sendAndWait(new RecordPaymentSettledCommand(claim.paymentId(), transaction,
                        clock.instant())));
        return new Outcome(true, false, null, response);
    }

    /** Deposits a settled payment into its owner's wallet; durable before this returns. Idempotent per payment. */
    public void deposit(Claim claim) {
        retried("deposit x402 payment " + claim.paymentId(), () -> commands.sendAndWait(deposit(claim.paymentId(),
                claim.userId(), claim.amountNanoUsd(), claim.purpose())));
    }

    /** The ledger command that turns a settled payment into balance (the payment id is its idempotency key). */
    public static DepositPaymentCommand deposit(String paymentId, String userId, long amountNanoUsd,
                                                PaymentPurpose purpose) {
        TransferCode code = purpose == PaymentPurpose.TOP_UP ? TransferCode.X402_TOP_UP : TransferCode.X402_PAYMENT;
        return new DepositPaymentCommand(userId, paymentId, amountNanoUsd, code);
    }

    /**
     * Money moved on chain: recording it must not be lost to one failed command (a conflict, a busy database). After
     * the last try the error names the payment and transaction, for reconciliation.
     */
    private static void retried(String what, Runnable command) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                command.run();
                return;
            } catch (RuntimeException e) {
                last = e;
                log.warn("Could not {} (attempt {}): {}", what, attempt, e.toString());
            }
        }
        log.error("Could not {}; reconcile it by hand", what);
        throw last;
    }

    /** The payer's credit covered the request: the authorization is never settled. */
    public SettlementResponse coveredByCredit(Claim claim) {
        commands.sendAndWait(new RecordPaymentCoveredByCreditCommand(claim.paymentId(), clock.instant()));
        return new SettlementResponse(true, null, null, claim.payer(), "", claim.requirements().network(), "0");
    }

    /** The request a settled payment bought cost {@code chargedNanoUsd}; the rest stays as the payer's credit. */
    public void credited(Claim claim, long chargedNanoUsd) {
        try {
            commands.sendAndWait(new RecordPaymentCreditedCommand(claim.paymentId(),
                    Math.min(chargedNanoUsd, claim.amountNanoUsd())));
        } catch (RuntimeException e) {
            // The charge and the deposit are in the ledger already; only the receipt's split is missing.
            log.warn("Recording the credit of x402 payment {} failed: {}", claim.paymentId(), e.toString());
        }
    }

    public void fail(Claim claim, PaymentStage stage, String reason) {
        try {
            commands.sendAndWait(new RecordPaymentFailedCommand(claim.paymentId(), stage, reason, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Recording the failure of x402 payment {} failed: {}", claim.paymentId(), e.toString());
        }
    }

    /**
     * Claims the payment; the answer says whether it was claimed before. Two copies racing on two nodes both find no
     * payment and both append its first event: the event store's unique key fails one of them, whatever exception
     * reaches this side of the bus, and its retry then reads the other's claim as {@code ALREADY_CLAIMED}.
     */
    private ClaimOutcome claim(ClaimPaymentCommand command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuntimeException raced) {
            log.debug("Claim of payment {} failed once ({}); asking again", command.paymentId(), raced.toString());
            return commands.sendAndWait(command);
        }
    }
}
