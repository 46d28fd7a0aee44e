package io.llm402.projections.requests.api;

/** Answers a {@code UserSpendingView}; a user who was never charged has spent zero. */
public record FindUserSpendingQuery(String userId) {
}
