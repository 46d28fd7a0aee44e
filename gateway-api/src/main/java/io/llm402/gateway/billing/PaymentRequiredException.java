package io.llm402.gateway.billing;

/** The request cannot be admitted: the balance or the token's limit does not cover its maximum cost. */
public class PaymentRequiredException extends RuntimeException {

    public PaymentRequiredException(String message) {
        super(message);
    }
}
