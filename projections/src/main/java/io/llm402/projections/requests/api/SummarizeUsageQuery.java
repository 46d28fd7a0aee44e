package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * Answers a {@link UsageSummary} of posted usage in buckets starting in [{@code fromEpochMs}, {@code toEpochMs}) of
 * one user (or of everyone when {@code userId} is {@code null}): the totals, the {@code top} values of {@code by}
 * with the most spend (the rest as one {@link UsageSummary#OTHER} row), and per bucket the same split. Summed by the
 * database from the rollups; the request log is never scanned.
 *
 * @param granularity {@code minute}, {@code hour} or {@code day}
 * @param perBucket    whether to split by bucket too; without it {@link UsageSummary#series()} is empty (a ranking
 *                     alone reads far fewer groups)
 */
public record SummarizeUsageQuery(@Nullable String userId, long fromEpochMs, long toEpochMs, String granularity,
                                  UsageDimension by, int top, boolean perBucket) {

    public SummarizeUsageQuery {
        if (!granularity.equals("minute") && !granularity.equals("hour") && !granularity.equals("day")) {
            throw new IllegalArgumentException("granularity must be minute, hour or day");
        }
        if (top < 1 || top > 100) {
            throw new IllegalArgumentException("top must be between 1 and 100");
        }
    }
}
