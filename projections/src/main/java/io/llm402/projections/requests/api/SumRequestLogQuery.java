package io.llm402.projections.requests.api;

/**
 * Answers a {@code RequestLogSum}: the charged amount of the filter's requests, and the requests and tokens of the
 * last minute before {@code nowEpochMs} under the same filter but its time (new-api's RPM and TPM).
 */
public record SumRequestLogQuery(RequestLogFilter filter, long nowEpochMs) {
}
