package io.llm402.projections.requests.api;

/**
 * Answers a {@code List<UsageRollupView>} for buckets starting in [{@code fromEpochMs}, {@code toEpochMs}).
 *
 * @param granularity {@code minute}, {@code hour} or {@code day}
 */
public record ListUsageRollupsQuery(String granularity, long fromEpochMs, long toEpochMs) {
}
