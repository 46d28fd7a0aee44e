package io.llm402.domain.payment.api;

/** Where a claimed payment stopped. */
public enum PaymentStage {
    /** The facilitator found the authorization invalid, or could not be asked. */
    VERIFY,
    /** The request failed upstream, so the authorization was never settled (nothing moved on chain). */
    SERVE,
    /** The on-chain transfer failed or was refused. */
    SETTLE
}
