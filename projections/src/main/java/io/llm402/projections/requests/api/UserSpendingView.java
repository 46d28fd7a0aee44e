package io.llm402.projections.requests.api;

/** What a user has been charged in total over all their keys, and for how many requests. */
public record UserSpendingView(String userId, long spentNanoUsd, long requests) {
}
