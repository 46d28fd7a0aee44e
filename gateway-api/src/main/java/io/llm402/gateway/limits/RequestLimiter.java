package io.llm402.gateway.limits;

/**
 * The cluster-wide counters behind every rate limit: each subject's sliding window lives once in the cluster and is
 * changed atomically where it lives, so every node counts the same requests. An implementation that cannot reach its
 * store answers {@link RateLimitVerdict#UNCHECKED} (fail open) or {@link RateLimitVerdict.Outcome#UNAVAILABLE}, never
 * throws.
 */
public interface RequestLimiter {

    /** Admits one request against {@code limit} and counts it in the total when admitted. */
    RateLimitVerdict admit(String subject, WindowLimit limit);

    /** Counts a request admitted earlier as successful; nothing waits for it. */
    void succeeded(String subject, WindowLimit limit);

    /**
     * Takes one of {@code limit} slots of {@code subject} for a request in flight, counted per node so the slots of a
     * node that dies can be dropped; {@link RateLimitVerdict.Outcome#TOTAL_REACHED} when all are taken.
     */
    RateLimitVerdict acquireSlot(String subject, int limit);

    /** Gives back a slot taken by {@link #acquireSlot}; nothing waits for it. */
    void releaseSlot(String subject);
}
