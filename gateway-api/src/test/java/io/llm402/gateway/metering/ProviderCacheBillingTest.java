package io.llm402.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.PriceCalculator;
import io.llm402.domain.metering.api.PriceTerms;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cached request from each provider, from its own usage report to the charge in nano-USD: the normaliser and the
 * ratio chain together. Prices are nano-USD per 1M tokens; ratios millionths; group ratio 1.0.
 */
class ProviderCacheBillingTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    private static PriceTerms terms(long input, long output, long cacheRatio) {
        return new PriceTerms(1, input, output, null, cacheRatio, 1_250_000, 1_000_000);
    }

    @Test
    void openAi() {
        CanonicalUsage usage = UsageNormaliser.openAiChat(JSON.readTree("""
                {"prompt_tokens": 1000, "completion_tokens": 200, "prompt_tokens_details": {"cached_tokens": 400}}"""));
        // 600 × 0.15 + 400 × 0.15 × 0.5 + 200 × 0.60 per 1M
        assertThat(PriceCalculator.cost(usage, terms(150_000_000, 600_000_000, 500_000))).isEqualTo(240_000);
    }

    @Test
    void azureWithTheChannelsCacheRatio() {
        CanonicalUsage usage = UsageNormaliser.openAiChat(JSON.readTree("""
                {"prompt_tokens": 1000, "completion_tokens": 200, "prompt_tokens_details": {"cached_tokens": 400}}"""));
        PriceTerms terms = PriceTerms.resolve(1, new io.llm402.domain.pricing.api.ModelPrice(2_000_000_000L,
                8_000_000_000L, null, null, null), 250_000L, 500_000L, 1_000_000);
        assertThat(terms.cacheRatioMillionths()).isEqualTo(250_000);
        // 600 × 2 + 400 × 2 × 0.25 + 200 × 8 per 1M
        assertThat(PriceCalculator.cost(usage, terms)).isEqualTo(3_000_000);
    }

    @Test
    void deepSeek() {
        CanonicalUsage usage = UsageNormaliser.openAiChat(JSON.readTree("""
                {"prompt_tokens": 1000, "completion_tokens": 200, "prompt_cache_hit_tokens": 768,
                 "prompt_cache_miss_tokens": 232, "completion_tokens_details": {"reasoning_tokens": 150}}"""));
        // 232 × 0.27 + 768 × 0.27 × 0.1 + 200 × 1.10 per 1M
        assertThat(PriceCalculator.cost(usage, terms(270_000_000, 1_100_000_000, 100_000))).isEqualTo(303_376);
    }

    @Test
    void claudeWithFiveMinuteAndOneHourWrites() {
        CanonicalUsage usage = UsageNormaliser.claude(JSON.readTree("""
                {"input_tokens": 20, "cache_read_input_tokens": 1000, "cache_creation_input_tokens": 300,
                 "cache_creation": {"ephemeral_5m_input_tokens": 100, "ephemeral_1h_input_tokens": 200},
                 "output_tokens": 50}"""));
        // 20 × 3 + 1000 × 3 × 0.1 + 100 × 3 × 1.25 + 200 × 3 × 2 + 50 × 15 per 1M
        assertThat(PriceCalculator.cost(usage, terms(3_000_000_000L, 15_000_000_000L, 100_000)))
                .isEqualTo(2_685_000);
    }

    @Test
    void gemini() {
        CanonicalUsage usage = UsageNormaliser.gemini(JSON.readTree("""
                {"promptTokenCount": 1200, "cachedContentTokenCount": 1024, "candidatesTokenCount": 30,
                 "thoughtsTokenCount": 90, "totalTokenCount": 1320}"""));
        // 176 × 0.30 + 1024 × 0.30 × 0.25 + (30 + 90) × 2.50 per 1M
        assertThat(PriceCalculator.cost(usage, terms(300_000_000, 2_500_000_000L, 250_000))).isEqualTo(429_600);
    }

    @Test
    void openAiResponses() {
        CanonicalUsage usage = UsageNormaliser.openAiResponses(JSON.readTree("""
                {"input_tokens": 1000, "input_tokens_details": {"cached_tokens": 400}, "output_tokens": 200}"""));
        assertThat(PriceCalculator.cost(usage, terms(150_000_000, 600_000_000, 500_000))).isEqualTo(240_000);
    }

    @Test
    void cohereSearchUnitsAtAPerCallPrice() {
        CanonicalUsage usage = UsageNormaliser.rerank(JSON.readTree("""
                {"results": [], "meta": {"billed_units": {"search_units": 2}}}"""));
        PriceTerms perCall = new PriceTerms(1, 0, 0, 2_000_000L, 1_000_000, 1_250_000, 1_000_000);
        assertThat(PriceCalculator.cost(usage, perCall)).isEqualTo(4_000_000);
        assertThat(PriceCalculator.maximumCost(100, 0, 3, perCall, false)).isEqualTo(6_000_000);
    }
}
