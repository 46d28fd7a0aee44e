package io.llm402.domain.payment.api;

/** The answer to a {@link ClaimPaymentCommand}: a payment's authorization is claimed once, whatever node asks. */
public enum ClaimOutcome {
    CLAIMED,
    /** A payment with this id exists already: the signature was used before, and is refused. */
    ALREADY_CLAIMED
}
