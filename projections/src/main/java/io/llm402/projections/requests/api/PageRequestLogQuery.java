package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * Answers a {@code List<RequestLogEntryView>}: one page of the filter's requests, newest first, by keyset (never an
 * offset or a count, which slow down as the log grows): the page after ({@code beforeEpochMs},
 * {@code beforeRequestId}), or the first page when both are {@code null}.
 *
 * @param phase {@code reserved}, {@code posted}, {@code voided} or {@code expired}; {@code null} for all
 */
public record PageRequestLogQuery(RequestLogFilter filter, @Nullable String phase, @Nullable Long beforeEpochMs,
                                  @Nullable String beforeRequestId, int limit) {

    public PageRequestLogQuery {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        if ((beforeEpochMs == null) != (beforeRequestId == null)) {
            throw new IllegalArgumentException("a page starts after both a time and a request id, or neither");
        }
    }
}
