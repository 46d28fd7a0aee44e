package io.llm402.projections.requests.api;

import java.util.List;

/**
 * One page of the request log.
 *
 * @param totalCapped the total reached {@link SearchRequestLogQuery#COUNT_CAP} and there may be more
 */
public record RequestLogPage(List<RequestLogEntryView> items, long total, boolean totalCapped) {
}
