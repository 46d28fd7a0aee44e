package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * Answers a {@code List<ModelUsageView>}: charged usage per hour and model for hours starting in
 * [{@code fromEpochMs}, {@code toEpochMs}), of one user or of everyone.
 */
public record UsageByModelQuery(long fromEpochMs, long toEpochMs, @Nullable String userId) {
}
