package io.llm402.projections.requests.api;

/** One hour of one model's charged usage: requests, tokens (input incl. cache, and output) and amount. */
public record ModelUsageView(long hourStartEpochMs, String model, long requests, long tokens, long amountNanoUsd) {
}
