package io.llm402.console.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the console writes numbers, money and times: money exactly from nano-USD (never through a double), counts
 * with grouping, times in the site's time zone (named in every page's footer).
 */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final ZoneId zone;

    public Formats(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** A request's amount: up to 6 decimals, e.g. {@code 0.001234}. */
    public String usd(long nanoUsd) {
        return decimal(nanoUsd, 6);
    }

    /** A total: 2 decimals, or more when the total is below a cent and not zero. */
    public String usdTotal(long nanoUsd) {
        return decimal(nanoUsd, nanoUsd != 0 && Math.abs(nanoUsd) < 10_000_000 ? 6 : 2);
    }

    /** The exact amount, all 9 decimals, for exports. */
    public String usdExact(long nanoUsd) {
        return BigDecimal.valueOf(nanoUsd, 9).toPlainString();
    }

    private static String decimal(long nanoUsd, int scale) {
        BigDecimal value = BigDecimal.valueOf(nanoUsd, 9).setScale(scale, RoundingMode.HALF_EVEN);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
        format.setGroupingUsed(true);
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        return format.format(value);
    }

    /** A price: as many decimals as it has, at least 2 ({@code 0.15}, {@code 0.000375}); a dash when there is none. */
    public String price(@Nullable Long nanoUsd) {
        if (nanoUsd == null) {
            return "—";
        }
        BigDecimal value = BigDecimal.valueOf(nanoUsd, 9).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : value.toPlainString();
    }

    public String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(value);
    }

    public String count(@Nullable Long value) {
        return value == null ? "—" : count(value.longValue());
    }

    public String time(long epochMs) {
        return TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? "—" : TIME.format(instant.atZone(zone));
    }

    /** A chart bucket's label: minutes and hours as {@code MM-dd HH:mm}, days as {@code yyyy-MM-dd}. */
    public String bucket(long epochMs, String granularity) {
        return (granularity.equals("day") ? DAY : MINUTE).format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** A ratio stored in millionths, e.g. {@code 1500000} → {@code 1.5}. */
    public String ratio(@Nullable Long millionths) {
        return millionths == null ? "—" : BigDecimal.valueOf(millionths, 6).stripTrailingZeros().toPlainString();
    }
}
