package io.llm402.projections.requests.api;

/** Answers a {@code TokenSpendingView}; a token that was never charged has spent zero. */
public record FindTokenSpendingQuery(String tokenId) {
}
