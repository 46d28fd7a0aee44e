package io.llm402.projections.requests.api;

/** Charged amount over a filter, and the last minute's requests and tokens. */
public record RequestLogSum(long amountNanoUsd, long requestsLastMinute, long tokensLastMinute) {
}
