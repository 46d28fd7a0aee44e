package io.llm402.projections.access.api;

/** Answers a {@code TwoFactorStats} over the users that are not deleted. */
public record TwoFactorStatsQuery() {
}
