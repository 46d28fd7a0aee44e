package io.llm402.domain.payment.api;

/** What an x402 payment buys. */
public enum PaymentPurpose {
    /** One relayed request, by a caller without an API key; what it does not cost stays as the payer's credit. */
    REQUEST,
    /** Balance for an existing user. */
    TOP_UP
}
