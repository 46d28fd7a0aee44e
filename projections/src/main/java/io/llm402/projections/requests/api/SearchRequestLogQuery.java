package io.llm402.projections.requests.api;

/**
 * Answers a {@code RequestLogPage}: the filter's requests, newest first. The total is counted up to
 * {@link #COUNT_CAP} rows only, so that no list waits on a full count.
 */
public record SearchRequestLogQuery(RequestLogFilter filter, int offset, int limit) {

    public static final int COUNT_CAP = 10_000;

    public SearchRequestLogQuery {
        if (offset < 0 || limit < 1 || limit > 100) {
            throw new IllegalArgumentException("offset must be ≥ 0 and limit between 1 and 100");
        }
    }
}
