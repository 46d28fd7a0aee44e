package io.llm402.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.console.support.Formats;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Prices as a group pays them, exact to the nano-dollar. */
class PricingPageTest {

    private final Formats formats = new Formats(ZoneId.of("UTC"));

    @Test
    void tokenPricesAreTimesTheGroupRatioAndCachePricesFollowTheInput() {
        ModelPriceView claude = new ModelPriceView("claude-sonnet-4-5", 3, 3_000_000_000L, 15_000_000_000L, null,
                100_000L, 1_250_000L);

        PricingPage.PriceRow row = PricingPage.row(claude, 800_000L);

        assertThat(formats.price(row.input())).isEqualTo("2.40");
        assertThat(formats.price(row.output())).isEqualTo("12.00");
        assertThat(formats.price(row.cacheRead())).isEqualTo("0.24");
        assertThat(formats.price(row.cacheWrite())).isEqualTo("3.00");
        assertThat(row.perCall()).isNull();
        assertThat(row.version()).isEqualTo(3);
    }

    @Test
    void aPerCallPriceHasNoTokenPrices() {
        ModelPriceView rerank = new ModelPriceView("rerank-v3.5", 1, 0, 0, 2_000_000L, null, null);

        PricingPage.PriceRow row = PricingPage.row(rerank, 1_000_000L);

        assertThat(formats.price(row.perCall())).isEqualTo("0.002");
        assertThat(formats.price(row.input())).isEqualTo("—");
        assertThat(formats.price(150_000_000L)).isEqualTo("0.15");
        assertThat(formats.price(375L)).isEqualTo("0.000000375");
    }
}
