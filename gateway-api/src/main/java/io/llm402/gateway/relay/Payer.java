package io.llm402.gateway.relay;

import io.llm402.domain.ledger.api.Reservation;
import io.llm402.domain.ledger.api.UsageLedger;
import io.llm402.domain.metering.api.Charge;
import io.llm402.gateway.wire.WireFormat;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Who pays for an admitted request and how its hold is resolved: an API key's wallet ({@link KeyPayer}), an x402
 * payment ({@link X402Checkout.Paid}), or nobody for free calls ({@link #FREE}).
 */
interface Payer {

    /**
     * Called once an upstream answered, before anything reaches the client (x402 settles here). {@code false} when
     * the answer must not be delivered; the refusal was written.
     */
    boolean confirm(HttpServletResponse response, WireFormat format) throws IOException;

    /** Posts the actual cost; returns once it is durable, so the response can complete. */
    void charge(Charge charge);

    /** Resolves the hold without a charge; returns once that is durable. */
    void release(String reason);

    /** Whether {@link #charge} or {@link #release} ran (or confirmation refused): nothing is left to resolve. */
    boolean resolved();

    /** Nothing reserved, nothing charged (token counting). */
    Payer FREE = new Payer() {
        @Override
        public boolean confirm(HttpServletResponse response, WireFormat format) {
            return true;
        }

        @Override
        public void charge(Charge charge) {
        }

        @Override
        public void release(String reason) {
        }

        @Override
        public boolean resolved() {
            return true;
        }
    };

    /** An API key's request, reserved on its allowance before the upstream call. */
    final class KeyPayer implements Payer {
        private final UsageLedger ledger;
        private final Reservation reservation;
        private boolean resolved;

        KeyPayer(UsageLedger ledger, Reservation reservation) {
            this.ledger = ledger;
            this.reservation = reservation;
        }

        @Override
        public boolean confirm(HttpServletResponse response, WireFormat format) {
            return true;
        }

        @Override
        public void charge(Charge charge) {
            var durable = ledger.post(reservation, charge);
            resolved = true; // posted: from here on only its durability is awaited
            durable.join();
        }

        @Override
        public void release(String reason) {
            resolved = true;
            ledger.voidReservation(reservation, reason).join();
        }

        @Override
        public boolean resolved() {
            return resolved;
        }
    }
}
