package io.llm402.gateway.limits;

/**
 * How many requests one subject may make in a sliding window.
 *
 * @param windowMillis the window's length
 * @param total        requests admitted in the window, failures included; 0 is unlimited
 * @param success      requests that completed with a status below 400 in the window; 0 is unlimited
 */
public record WindowLimit(long windowMillis, int total, int success) implements java.io.Serializable {

    public WindowLimit {
        if (windowMillis < RequestWindow.SLOTS || total < 0 || success < 0) {
            throw new IllegalArgumentException("a window of at least " + RequestWindow.SLOTS
                    + " ms and limits ≥ 0 are required");
        }
    }

    public boolean unlimited() {
        return total == 0 && success == 0;
    }
}
