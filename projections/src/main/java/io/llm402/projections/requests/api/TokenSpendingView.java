package io.llm402.projections.requests.api;

/** What a token has been charged in total, and for how many requests. */
public record TokenSpendingView(String tokenId, long spentNanoUsd, long requests) {
}
