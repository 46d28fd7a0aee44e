package io.llm402.domain.payment.api;

/** The authorization was claimed before: a replay, or a concurrent copy of one payment. */
public class PaymentAlreadyClaimedException extends RuntimeException {

    public PaymentAlreadyClaimedException(String paymentId) {
        super("payment " + paymentId + " was already claimed");
    }
}
