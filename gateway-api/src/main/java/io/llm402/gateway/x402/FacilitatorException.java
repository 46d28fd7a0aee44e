package io.llm402.gateway.x402;

/**
 * The facilitator could not give an answer: unreachable, too slow, or it answered something that is not an x402
 * message. Not a payment failure (those are ordinary {@link VerifyResponse}s and {@link SettlementResponse}s); the
 * gateway maps it to 502. The message is short and safe to show: it never holds the facilitator's URL or credentials.
 */
public final class FacilitatorException extends Exception {

    public FacilitatorException(String message) {
        super(message);
    }

    public FacilitatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
