package io.llm402.console.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A dashboard or log range: the last 24 hours (hourly buckets), 7 days (hourly) or 30 days (daily). Buckets are
 * whole hours or UTC days, the end is the bucket after now, so the current hour is included.
 */
record UsageRange(String name, String granularity, long fromEpochMs, long toEpochMs) {

    static UsageRange of(@Nullable String name, Instant now) {
        return switch (name == null ? "24h" : name) {
            case "7d" -> hours("7d", now, Duration.ofDays(7));
            case "30d" -> {
                Instant end = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
                yield new UsageRange("30d", "day", end.minus(30, ChronoUnit.DAYS).toEpochMilli(), end.toEpochMilli());
            }
            default -> hours("24h", now, Duration.ofHours(24));
        };
    }

    private static UsageRange hours(String name, Instant now, Duration length) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        return new UsageRange(name, "hour", end.minus(length).toEpochMilli(), end.toEpochMilli());
    }

    /** The minutes the range covers, for average requests and tokens per minute. */
    long minutes() {
        return Math.max(1, (toEpochMs - fromEpochMs) / 60_000);
    }

    long bucketMs() {
        return granularity.equals("day") ? 86_400_000L : 3_600_000L;
    }
}
