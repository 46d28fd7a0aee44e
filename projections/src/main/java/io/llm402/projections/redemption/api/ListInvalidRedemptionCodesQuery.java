package io.llm402.projections.redemption.api;

/** Answers a {@code List<String>} of the ids of codes used, disabled or expired at {@code nowEpochMs}, at most 1,000. */
public record ListInvalidRedemptionCodesQuery(long nowEpochMs) {
}
