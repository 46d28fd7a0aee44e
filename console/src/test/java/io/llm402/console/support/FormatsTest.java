package io.llm402.console.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Money is written from nano-USD exactly; times in the site's zone. */
class FormatsTest {

    private final Formats utc = new Formats(ZoneId.of("UTC"));

    @Test
    void moneyIsExactAndGrouped() {
        assertThat(utc.usdExact(4_200)).isEqualTo("0.000004200");
        assertThat(utc.usd(4_200)).isEqualTo("0.000004");
        assertThat(utc.usdTotal(1_234_567_890_123L)).isEqualTo("1,234.57");
        assertThat(utc.usdTotal(4_200)).as("a total below a cent keeps its digits").isEqualTo("0.000004");
        assertThat(utc.usdTotal(0)).isEqualTo("0.00");
    }

    @Test
    void timesAndBucketsAreInTheSiteZone() {
        Formats shanghai = new Formats(ZoneId.of("Asia/Shanghai"));
        long at = Instant.parse("2026-12-07T20:30:00Z").toEpochMilli();

        assertThat(utc.time(at)).isEqualTo("2026-12-07 20:30:00");
        assertThat(shanghai.time(at)).isEqualTo("2026-12-08 04:30:00");
        assertThat(shanghai.bucket(at, "day")).isEqualTo("2026-12-08");
        assertThat(utc.ratio(1_250_000L)).isEqualTo("1.25");
    }
}
