package io.llm402.gateway.relay;

import io.llm402.domain.ledger.api.Reservation;
import io.llm402.domain.ledger.api.ReserveOutcome;
import io.llm402.domain.ledger.api.ReserveUsage;
import io.llm402.domain.ledger.api.UsageLedger;
import io.llm402.domain.metering.api.Charge;
import io.llm402.domain.payment.api.PaymentIds;
import io.llm402.domain.payment.api.PaymentPurpose;
import io.llm402.domain.payment.api.PaymentStage;
import io.llm402.gateway.payment.PaymentDesk;
import io.llm402.gateway.wire.ClientErrors;
import io.llm402.gateway.wire.Failure;
import io.llm402.gateway.wire.WireFormat;
import io.llm402.gateway.x402.PaymentRequirements;
import io.llm402.gateway.x402.SettlementResponse;
import io.llm402.gateway.x402.X402Codec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pay per request with x402, for callers without an API key. The payer is billed as a pseudo user of its own address,
 * so reservation, charge and receipt are those of every other request; what a payment does not cost stays in that
 * user's wallet as credit and pays first for the payer's next requests (then the signed authorization proves who pays
 * but is never settled). Order of work: terms (402) → local check and claim, before any upstream call → credit, or
 * the facilitator's verification → the upstream call → settlement once the upstream answered, before anything is
 * delivered: for a whole answer after it was read, for a stream before its first byte (bytes that flowed cannot be
 * withheld). A failed upstream call is never settled.
 */
final class X402Checkout {

    private static final Logger log = LoggerFactory.getLogger(X402Checkout.class);

    private final PaymentDesk desk;
    private final UsageLedger ledger;

    X402Checkout(PaymentDesk desk, UsageLedger ledger) {
        this.desk = desk;
        this.ledger = ledger;
    }

    String group() {
        return desk.group();
    }

    /**
     * A paying request past admission: its payer (billed as a pseudo user and token of its own address) and, once
     * funded, its reservation.
     */
    final class Paid implements Payer {
        private final PaymentDesk.Claim claim;
        private final String payerId;
        private final String requestId;
        private final String model;
        private final long maximumNanoUsd;
        private @Nullable Reservation reservation;
        /** The payment was settled and deposited: its remainder after the charge is the payer's credit. */
        private boolean settled;
        private boolean resolved;

        Paid(PaymentDesk.Claim claim, String requestId, String model, long maximumNanoUsd) {
            this.claim = claim;
            this.payerId = PaymentIds.payerUserId(claim.payer());
            this.requestId = requestId;
            this.model = model;
            this.maximumNanoUsd = maximumNanoUsd;
        }

        private ReserveUsage hold() {
            return new ReserveUsage(payerId, payerId, null, requestId, model, maximumNanoUsd);
        }

        @Override
        public boolean confirm(HttpServletResponse response, WireFormat format) throws IOException {
            if (reservation != null) {
                return true;
            }
            if (settleAndReserve(response, format) == null) {
                resolved = true;
                return false;
            }
            return true;
        }

        @Override
        public void charge(Charge charge) {
            if (reservation == null) {
                throw new IllegalStateException("an x402 request is charged only after its payment was confirmed");
            }
            var durable = ledger.post(reservation, charge);
            resolved = true;
            durable.join();
            finished(charge.amountNanoUsd());
        }

        @Override
        public void release(String reason) {
            resolved = true;
            if (reservation == null) {
                notServed(reason);
                return;
            }
            ledger.voidReservation(reservation, reason).join();
            finished(0);
        }

        @Override
        public boolean resolved() {
            return resolved;
        }

        /**
         * Settles the verified payment after the upstream answered and before anything is delivered, then deposits it
         * and reserves on it. {@code null} after writing the refusal: the answer is dropped, nothing is charged.
         */
        @Nullable Reservation settleAndReserve(HttpServletResponse response, WireFormat format) throws IOException {
            PaymentDesk.Outcome settlement = desk.settle(claim);
            if (!settlement.success() || settlement.settlement() == null) {
                refuseSettlement(response, format, settlement);
                return null;
            }
            settled = true;
            response.setHeader(X402Codec.PAYMENT_RESPONSE, X402Codec.encode(settlement.settlement()));
            response.setHeader("Cache-Control", "private");
            ReserveOutcome outcome;
            try {
                // Deposit and reservation under the payer's lock: no other request of this payer can take the deposit
                // for its own credit in between.
                outcome = ledger.depositAndReserve(PaymentDesk.deposit(claim.paymentId(), claim.userId(),
                        claim.amountNanoUsd(), claim.purpose()), hold());
            } catch (RuntimeException e) {
                // Settled, but not recorded here: the settled event's processor deposits it; it is the payer's credit.
                log.warn("x402 payment {} settled but request {} could not reserve on it: {}", claim.paymentId(),
                        requestId, e.toString());
                ClientErrors.write(response, format, Failure.UPSTREAM, "Your payment was settled, but the answer "
                        + "could not be billed; the payment is kept as your credit for the next request.",
                        "payment_kept_as_credit");
                return null;
            }
            if (outcome instanceof ReserveOutcome.Reserved reserved) {
                reservation = reserved.reservation();
                return reservation;
            }
            // The settled payment did not cover the maximum (the terms were computed from it, so only a changed
            // price gets here): it stays as credit.
            log.warn("x402 payment {} settled but does not cover request {}: {}", claim.paymentId(), requestId,
                    outcome);
            ClientErrors.write(response, format, Failure.PAYMENT_REQUIRED, "Your payment was settled, but it does "
                    + "not cover this request any more; it is kept as your credit for the next request.",
                    "payment_kept_as_credit");
            return null;
        }

        /**
         * After the charge was posted ({@code chargedNanoUsd}) or the reservation voided (0): records what a settled
         * payment left as credit, and returns the payer's remainder to its wallet so every node sees it.
         */
        void finished(long chargedNanoUsd) {
            if (settled) {
                desk.credited(claim, chargedNanoUsd);
            }
            try {
                ledger.returnRemainder(payerId);
            } catch (RuntimeException e) {
                // The tranche stays open on this node; recovery at the next start returns it.
                log.warn("Returning the x402 credit of {} failed: {}", payerId, e.toString());
            }
        }

        /** The request failed before its verified payment was settled: the authorization is not used. */
        void notServed(String reason) {
            if (!settled && reservation == null) {
                desk.fail(claim, PaymentStage.SERVE, reason);
            }
        }

        private void refuseSettlement(HttpServletResponse response, WireFormat format, PaymentDesk.Outcome outcome)
                throws IOException {
            if (outcome.unavailable()) {
                ClientErrors.write(response, format, Failure.UPSTREAM, "The payment's settlement could not be "
                        + "confirmed and the answer was withheld. Do not pay again for it: if the transfer completes "
                        + "on chain, the operator reconciles it.", "payment_settlement_unknown");
                return;
            }
            SettlementResponse failed = outcome.settlement() != null ? outcome.settlement()
                    : new SettlementResponse(false, outcome.reason(), null, claim.payer(), "",
                    claim.requirements().network(), null);
            response.setHeader(X402Codec.PAYMENT_RESPONSE, X402Codec.encode(failed));
            response.setHeader("Cache-Control", "no-store");
            ClientErrors.write(response, format, Failure.PAYMENT_REQUIRED, "The payment could not be settled ("
                    + outcome.reason() + "); the answer was withheld and nothing was charged.", "payment_failed");
        }
    }

    /**
     * Answers 402 with terms, or admits the paid request. {@code null} once a response was written.
     *
     * @param maximumNanoUsd the request's maximum cost; the terms are derived from it alone, so the paid retry of the
     *                       same body is offered the same terms
     */
    @Nullable Paid admit(HttpServletRequest request, HttpServletResponse response, WireFormat format,
                         String requestId, String model, long maximumNanoUsd) throws IOException {
        PaymentRequirements terms = desk.terms().forMaximumCost(maximumNanoUsd);
        String resource = desk.resourceUrl(request.getRequestURL().toString(), request.getRequestURI());
        String header = request.getHeader(X402Codec.PAYMENT_SIGNATURE);
        if (header == null || header.isBlank()) {
            askToPay(response, format, requestId, resource, terms, "Payment required",
                    "This request costs up to $" + usd(terms) + ". Pay with x402 (the PAYMENT-REQUIRED header) or "
                            + "send an API key.");
            return null;
        }
        PaymentDesk.Admission admission = desk.admit(header, terms, PaymentPurpose.REQUEST, requestId, null);
        PaymentDesk.Claim claim = admission.claim();
        if (claim == null) {
            askToPay(response, format, requestId, resource, terms, String.valueOf(admission.refusal()),
                    admission.message());
            return null;
        }
        Paid paid = new Paid(claim, requestId, model, maximumNanoUsd);
        // The payer's credit pays first; when it does not cover this request, the payment itself must.
        if (ledger.reserve(paid.hold()) instanceof ReserveOutcome.Reserved(Reservation fromCredit)) {
            try {
                response.setHeader(X402Codec.PAYMENT_RESPONSE, X402Codec.encode(desk.coveredByCredit(claim)));
            } catch (RuntimeException e) {
                ledger.voidReservation(fromCredit, "x402 credit could not be recorded").join();
                paid.finished(0);
                throw e;
            }
            response.setHeader("Cache-Control", "private");
            paid.reservation = fromCredit;
            return paid;
        }
        PaymentDesk.Outcome verified = desk.verify(claim);
        if (verified.unavailable()) {
            ClientErrors.write(response, format, Failure.UPSTREAM, "The payment facilitator could not be reached; "
                    + "nothing was charged.", "payment_facilitator_unavailable");
            return null;
        }
        if (!verified.success()) {
            askToPay(response, format, requestId, resource, terms, String.valueOf(verified.reason()),
                    "The payment was refused by the facilitator (" + verified.reason() + ").");
            return null;
        }
        return paid;
    }

    private void askToPay(HttpServletResponse response, WireFormat format, String requestId, String resource,
                          PaymentRequirements terms, String error, String message) throws IOException {
        desk.recordRequired(requestId, resource, terms, error);
        response.setHeader(X402Codec.PAYMENT_REQUIRED,
                X402Codec.encode(desk.paymentRequired(resource, "LLM402 relay request", terms, error)));
        response.setHeader("Cache-Control", "no-store");
        ClientErrors.write(response, format, Failure.PAYMENT_REQUIRED, message, "payment_required");
    }

    private String usd(PaymentRequirements terms) {
        return io.llm402.domain.shared.NanoUsd.toUsdString(desk.terms().nanoUsd(terms.amount()));
    }
}
