package io.llm402.gateway.limits;

/**
 * The limiter's answer to one request.
 *
 * @param retryAfterMillis for a refusal, how long until the window has room again
 */
public record RateLimitVerdict(Outcome outcome, long retryAfterMillis) implements java.io.Serializable {

    public static final RateLimitVerdict ADMITTED = new RateLimitVerdict(Outcome.ADMITTED, 0);
    /** The limiter's store failed and the request went through anyway (fail open). */
    public static final RateLimitVerdict UNCHECKED = new RateLimitVerdict(Outcome.UNCHECKED, 0);

    public enum Outcome {
        ADMITTED,
        /** The total limit (failures included) is reached. */
        TOTAL_REACHED,
        /** The success limit is reached. */
        SUCCESS_REACHED,
        /** The store failed; admitted unless the operator asked to fail closed. */
        UNCHECKED,
        /** The store failed and the operator asked to fail closed. */
        UNAVAILABLE
    }

    public boolean admitted() {
        return outcome == Outcome.ADMITTED || outcome == Outcome.UNCHECKED;
    }
}
