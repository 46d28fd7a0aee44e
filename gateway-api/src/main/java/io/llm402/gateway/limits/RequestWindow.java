package io.llm402.gateway.limits;

import java.io.Serial;
import java.io.Serializable;

/**
 * One subject's requests in a sliding window, as a ring of {@value #SLOTS} sub-window counters (exact to 1/60 of the
 * window, in constant memory whatever the limit, unlike new-api's list of timestamps). The cluster store keeps one
 * per subject and changes it atomically on its owner; the clock is the caller's, passed in, so the counting is a plain
 * function of its inputs.
 */
public final class RequestWindow implements Serializable {

    public static final int SLOTS = 60;

    @Serial
    private static final long serialVersionUID = 1L;

    private final long windowMillis;
    private final long slotMillis;
    /** The absolute slot number ({@code time / slotMillis}) each ring position counts for. */
    private final long[] slotNumbers = new long[SLOTS];
    private final int[] totals = new int[SLOTS];
    private final int[] successes = new int[SLOTS];
    /** The latest slot seen: a caller whose clock lags another's still counts in the current slot. */
    private long latestSlot;

    public RequestWindow(long windowMillis) {
        this.windowMillis = windowMillis;
        this.slotMillis = Math.max(1, windowMillis / SLOTS);
        java.util.Arrays.fill(slotNumbers, Long.MIN_VALUE);
    }

    public long windowMillis() {
        return windowMillis;
    }

    /** Admits one request if both counts are below their limits, and counts it in the total. */
    public RateLimitVerdict admit(long nowMillis, WindowLimit limit) {
        long slot = advance(nowMillis);
        if (limit.success() > 0 && count(successes, slot) >= limit.success()) {
            return new RateLimitVerdict(RateLimitVerdict.Outcome.SUCCESS_REACHED,
                    retryAfter(successes, slot, limit.success(), nowMillis));
        }
        if (limit.total() > 0 && count(totals, slot) >= limit.total()) {
            return new RateLimitVerdict(RateLimitVerdict.Outcome.TOTAL_REACHED,
                    retryAfter(totals, slot, limit.total(), nowMillis));
        }
        totals[claim(slot)]++;
        return RateLimitVerdict.ADMITTED;
    }

    public void succeeded(long nowMillis) {
        long slot = advance(nowMillis);
        successes[claim(slot)]++;
    }

    /** Requests counted in the window at {@code nowMillis}. */
    public int totalCount(long nowMillis) {
        return count(totals, advance(nowMillis));
    }

    public int successCount(long nowMillis) {
        return count(successes, advance(nowMillis));
    }

    /** Whether nothing counted here is still in the window at {@code nowMillis}: the state can be forgotten. */
    public boolean idle(long nowMillis) {
        return Math.floorDiv(nowMillis, slotMillis) - latestSlot >= SLOTS;
    }

    /** How long this state matters after the last change: once the window has passed it counts nothing. */
    public long idleTtlMillis() {
        return windowMillis + slotMillis;
    }

    private long advance(long nowMillis) {
        latestSlot = Math.max(latestSlot, Math.floorDiv(nowMillis, slotMillis));
        return latestSlot;
    }

    private boolean live(int index, long currentSlot) {
        return slotNumbers[index] > currentSlot - SLOTS;
    }

    private int count(int[] counts, long currentSlot) {
        int sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (live(i, currentSlot)) {
                sum += counts[i];
            }
        }
        return sum;
    }

    /** The ring position of {@code slot}, emptied first when it still holds a slot that left the window. */
    private int claim(long slot) {
        int index = (int) Math.floorMod(slot, (long) SLOTS);
        if (slotNumbers[index] != slot) {
            slotNumbers[index] = slot;
            totals[index] = 0;
            successes[index] = 0;
        }
        return index;
    }

    /** The time until enough of the oldest slots leave the window for the count to drop below {@code limit}. */
    private long retryAfter(int[] counts, long currentSlot, int limit, long nowMillis) {
        int excess = count(counts, currentSlot) - limit + 1;
        for (long slot = currentSlot - SLOTS + 1; slot <= currentSlot; slot++) {
            int index = (int) Math.floorMod(slot, (long) SLOTS);
            if (slotNumbers[index] == slot) {
                excess -= counts[index];
            }
            if (excess <= 0) {
                // A slot leaves the window when the current slot is SLOTS past it.
                return Math.max(1, (slot + SLOTS) * slotMillis - nowMillis);
            }
        }
        return windowMillis;
    }
}
