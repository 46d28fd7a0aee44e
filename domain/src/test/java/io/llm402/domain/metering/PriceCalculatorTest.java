package io.llm402.domain.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.PriceCalculator;
import io.llm402.domain.metering.api.PriceTerms;
import io.llm402.domain.metering.api.UsageBasis;
import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.shared.Ratio;
import org.junit.jupiter.api.Test;

class PriceCalculatorTest {

    private static final long ONE = 1_000_000;

    // gpt-4o-mini: 0.15 USD/M input, 0.60 USD/M output, cache ratio 0.5, group 0.8
    private static final PriceTerms GPT_4O_MINI =
            new PriceTerms(1, 150_000_000, 600_000_000, null, 500_000, 1_250_000, 800_000);

    private static CanonicalUsage usage(long input, long cached, long cacheWrite, long output) {
        return new CanonicalUsage(input, cached, cacheWrite, output, 0, UsageBasis.UPSTREAM);
    }

    private static PriceTerms tokens(long in, long out, long group) {
        return new PriceTerms(1, in, out, null, ONE, 1_250_000, group);
    }

    private static PriceTerms perCall(long perCall, long group) {
        return new PriceTerms(1, 150_000_000, 600_000_000, perCall, ONE, 1_250_000, group);
    }

    @Test
    void cachedInputIsDiscountedAndGroupRatioApplied() {
        // prompt 1000 of which 400 cached → input 600; completion 200
        //   600 × 150e6 × 1e6    = 9.0e16
        //   400 × 150e6 × 500000 = 3.0e16
        //   200 × 600e6 × 1e6    = 1.2e17
        //   sum 2.4e17 × 800000 = 1.92e23; / 1e18 = 192,000 nano-USD (exact)
        assertThat(PriceCalculator.cost(usage(600, 400, 0, 200), GPT_4O_MINI)).isEqualTo(192_000L);
    }

    @Test
    void cacheWriteTokensCostInputTimesCacheWriteRatio() {
        // 3 USD/M in, 15 USD/M out, cache 0.1, cache-write 1.25, group 1.0
        PriceTerms terms = new PriceTerms(1, 3_000_000_000L, 15_000_000_000L, null, 100_000, 1_250_000, ONE);
        //   100 × 3e9 × 1e6      = 3.0e17
        //  1000 × 3e9 × 100000   = 3.0e17
        //   200 × 3e9 × 1250000  = 7.5e17
        //    50 × 15e9 × 1e6     = 7.5e17
        //   sum 2.1e18 × 1e6 / 1e18 = 2,100,000 nano-USD
        assertThat(PriceCalculator.cost(usage(100, 1000, 200, 50), terms)).isEqualTo(2_100_000L);
    }

    @Test
    void exactHalfRoundsUp() {
        // 3 × 500,000 × 1e6 × 1e6 / 1e18 = 1.5 → 2
        assertThat(PriceCalculator.cost(usage(3, 0, 0, 0), tokens(500_000, 0, ONE))).isEqualTo(2L);
    }

    @Test
    void belowHalfRoundsDown() {
        // 3 × 400,000 / 1e6 = 1.2 → 1
        assertThat(PriceCalculator.cost(usage(3, 0, 0, 0), tokens(400_000, 0, ONE))).isEqualTo(1L);
        // 1 × 1,499,999 / 1e6 = 1.499999 → 1
        assertThat(PriceCalculator.cost(usage(1, 0, 0, 0), tokens(1_499_999, 0, ONE))).isEqualTo(1L);
    }

    @Test
    void roundsOncePerRequestNotPerComponent() {
        // input 1 × 500,000 / 1e6 = 0.5, output 1 × 500,000 / 1e6 = 0.5 → exactly 1.0 → 1
        // (rounding each part half-up first would give 1 + 1 = 2)
        assertThat(PriceCalculator.cost(usage(1, 0, 0, 1), tokens(500_000, 500_000, ONE))).isEqualTo(1L);
    }

    @Test
    void perCallPriceIgnoresTokensAndAppliesGroup() {
        // 2,000,000 × 800,000 / 1e6 = 1,600,000
        assertThat(PriceCalculator.cost(usage(5000, 100, 0, 900), perCall(2_000_000, 800_000)))
                .isEqualTo(1_600_000L);
        // 3 × 500,000 / 1e6 = 1.5 → 2
        assertThat(PriceCalculator.cost(CanonicalUsage.NONE, perCall(3, 500_000))).isEqualTo(2L);
    }

    @Test
    void zeroGroupRatioIsFree() {
        assertThat(PriceCalculator.cost(usage(600, 400, 0, 200), tokens(150_000_000, 600_000_000, 0))).isZero();
    }

    @Test
    void intermediateProductsBeyondLongAreExact() {
        // 1e12 tokens × 1e12 nano/M × 1e6 × 1e6 / 1e18 = 1e18 (fits a long; the intermediate 1e36 does not)
        long trillion = 1_000_000_000_000L;
        assertThat(PriceCalculator.cost(usage(0, 0, 0, trillion), tokens(0, trillion, ONE)))
                .isEqualTo(1_000_000_000_000_000_000L);
    }

    @Test
    void costBeyondLongIsRefusedNotWrapped() {
        assertThatThrownBy(() -> PriceCalculator.cost(usage(0, 0, 0, Long.MAX_VALUE),
                tokens(0, 1_000_000_000_000L, ONE))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void maximumCostPricesAllInputAsACacheWritePlusMaxOutput() {
        // the highest input ratio a request can incur is the 5-minute cache write, 1.25:
        // 1000 × 150e6 × 1.25 = 1.875e11; 500 × 600e6 = 3.0e11; sum 4.875e11 × 0.8 = 3.9e11 / 1e6 = 390,000
        assertThat(PriceCalculator.maximumCost(1000, 500, GPT_4O_MINI)).isEqualTo(390_000L);
    }

    @Test
    void maximumCostCoversAnthropicHourCacheWritesWhereTheyCanOccur() {
        // 1000 × 150e6 × 2.0 = 3.0e11; + 3.0e11 output = 6.0e11 × 0.8 / 1e6 = 480,000
        assertThat(PriceCalculator.maximumCost(1000, 500, 1, GPT_4O_MINI, true)).isEqualTo(480_000L);
        // and a cached input never costs more than full input: a cache ratio above 1.0 would be the maximum too
        PriceTerms dearCache = new PriceTerms(1, 150_000_000, 600_000_000, null, 3_000_000, 1_250_000, ONE);
        assertThat(PriceCalculator.maximumCost(1000, 0, 1, dearCache, false)).isEqualTo(450_000L);
    }

    @Test
    void maximumCostBeyondLongSaturatesInsteadOfWrapping() {
        // 4.6e18 output tokens × 4 choices would wrap a long to a small number; the cost must stay huge
        assertThat(PriceCalculator.maximumCost(0, Long.MAX_VALUE, 1, GPT_4O_MINI, false)).isEqualTo(Long.MAX_VALUE);
        assertThat(PriceCalculator.maximumCost(0, 0, Long.MAX_VALUE, perCall(Long.MAX_VALUE, ONE), false))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void maximumCostRoundsHalfUpOnce() {
        // 1 × 400,000 × 1.25 + 1 × 1,000,000 = 1.5e6 / 1e6 = 1.5 → 2
        assertThat(PriceCalculator.maximumCost(1, 1, tokens(400_000, 1_000_000, ONE))).isEqualTo(2L);
    }

    @Test
    void maximumCostOfPerCallModelIsThePerCallCost() {
        assertThat(PriceCalculator.maximumCost(100_000, 4096, perCall(2_000_000, 800_000))).isEqualTo(1_600_000L);
    }

    @Test
    void negativeEstimatesAreRefused() {
        assertThatThrownBy(() -> PriceCalculator.maximumCost(-1, 0, GPT_4O_MINI))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cacheRatioChainPrefersChannelThenModelThenGlobalThenOne() {
        ModelPrice withModelRatio = new ModelPrice(150_000_000, 600_000_000, null, Ratio.of("0.5"), null);
        ModelPrice withoutModelRatio = new ModelPrice(150_000_000, 600_000_000, null, null, null);

        assertThat(PriceTerms.resolve(1, withModelRatio, 100_000L, 200_000L, ONE).cacheRatioMillionths())
                .isEqualTo(100_000L);
        assertThat(PriceTerms.resolve(1, withModelRatio, null, 200_000L, ONE).cacheRatioMillionths())
                .isEqualTo(500_000L);
        assertThat(PriceTerms.resolve(1, withoutModelRatio, null, 200_000L, ONE).cacheRatioMillionths())
                .isEqualTo(200_000L);
        assertThat(PriceTerms.resolve(1, withoutModelRatio, null, null, ONE).cacheRatioMillionths())
                .isEqualTo(ONE);
    }

    @Test
    void resolveCarriesPricesAndDefaultsCacheWriteRatio() {
        ModelPrice price = new ModelPrice(150_000_000, 600_000_000, 7L, null, null);
        assertThat(PriceTerms.resolve(3, price, null, null, 800_000))
                .isEqualTo(new PriceTerms(3, 150_000_000, 600_000_000, 7L, ONE, 1_250_000, 800_000));

        ModelPrice customWrite = new ModelPrice(1, 1, null, null, Ratio.of("2"));
        assertThat(PriceTerms.resolve(1, customWrite, null, null, ONE).cacheWriteRatioMillionths())
                .isEqualTo(2_000_000L);
    }

    @Test
    void negativeTermsAreRefused() {
        assertThatThrownBy(() -> new PriceTerms(1, 1, 1, null, ONE, ONE, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
