package io.llm402.projections.requests.api;

import java.util.List;

/**
 * Usage summed over a range: the totals, a ranking by spend (the {@code top} keys, then {@link #OTHER} when there
 * are more), and the same keys per time bucket.
 */
public record UsageSummary(UsageTotals totals, List<Share> ranking, List<Point> series) {

    /** The key under which everything past the top is summed. */
    public static final String OTHER = "";

    /** One key's usage over the whole range, with a name to show (a key's or user's name, a channel's). */
    public record Share(String key, String label, UsageTotals totals) {
    }

    /** One key's usage in one bucket. */
    public record Point(long bucketStartEpochMs, String key, UsageTotals totals) {
    }
}
