package io.llm402.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.UsageBasis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;

class UsageNormaliserTest {

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    @Test
    void cachedTokensAreSubtractedFromPromptAndReasoningKept() {
        JsonNode usage = json("""
                {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200,
                 "prompt_tokens_details": {"cached_tokens": 400, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 64, "audio_tokens": 0}}
                """);
        // input = 1000 − 400 = 600
        assertThat(UsageNormaliser.openAiChat(usage))
                .isEqualTo(new CanonicalUsage(600, 400, 0, 200, 64, UsageBasis.UPSTREAM));
    }

    @Test
    void cacheWriteTokensAreSubtractedToo() {
        JsonNode usage = json("""
                {"prompt_tokens": 1000, "completion_tokens": 10,
                 "prompt_tokens_details": {"cached_tokens": 300, "cache_write_tokens": 200}}
                """);
        // input = 1000 − 300 − 200 = 500
        assertThat(UsageNormaliser.openAiChat(usage))
                .isEqualTo(new CanonicalUsage(500, 300, 200, 10, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void deepSeekCacheHitTokensCountAsCached() {
        JsonNode usage = json("""
                {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100,
                 "prompt_cache_hit_tokens": 700, "prompt_cache_miss_tokens": 300,
                 "prompt_tokens_details": {"cached_tokens": 0}}
                """);
        assertThat(UsageNormaliser.openAiChat(usage))
                .isEqualTo(new CanonicalUsage(300, 700, 0, 100, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void inputNeverGoesNegative() {
        JsonNode usage = json("""
                {"prompt_tokens": 100, "completion_tokens": 5, "prompt_tokens_details": {"cached_tokens": 150}}
                """);
        assertThat(UsageNormaliser.openAiChat(usage))
                .isEqualTo(new CanonicalUsage(0, 150, 0, 5, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void oddFieldsCountAsZero() {
        JsonNode usage = json("""
                {"prompt_tokens": null, "completion_tokens": "many", "completion_tokens_details": null}
                """);
        assertThat(UsageNormaliser.openAiChat(usage))
                .isEqualTo(new CanonicalUsage(0, 0, 0, 0, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void negativeOrAbsurdCountsAreNoUsageAtAll() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageNormaliser.openAiChat(json("""
                {"prompt_tokens": -5, "completion_tokens": 1}""")))
                .isInstanceOf(UsageNormaliser.ImplausibleUsageException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageNormaliser.openAiChat(json("""
                {"prompt_tokens": 1, "completion_tokens": 9223372036854775807}""")))
                .isInstanceOf(UsageNormaliser.ImplausibleUsageException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageNormaliser.claude(json("""
                {"input_tokens": 1e30, "output_tokens": 1}""")))
                .isInstanceOf(UsageNormaliser.ImplausibleUsageException.class);
    }

    @Test
    void missingUsageIsNull() {
        assertThat(UsageNormaliser.openAiChat(null)).isNull();
        assertThat(UsageNormaliser.openAiChat(NullNode.getInstance())).isNull();
        assertThat(UsageNormaliser.openAiChat(MissingNode.getInstance())).isNull();
        assertThat(UsageNormaliser.openAiChat(json("{\"id\": \"x\"}").path("usage"))).isNull();
        assertThat(UsageNormaliser.openAiChat(json("[1, 2]"))).isNull();
    }

    // TV-09, row by row: each provider's report becomes the same disjoint buckets.

    @Test
    void claudeInputExcludesTheCacheAndWritesWithoutTtlSplitAreFiveMinuteWrites() {
        assertThat(UsageNormaliser.claude(json("""
                {"input_tokens": 20, "cache_creation_input_tokens": 100, "cache_read_input_tokens": 1000,
                 "output_tokens": 50}
                """))).isEqualTo(new CanonicalUsage(20, 1000, 100, 50, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void claudeOneHourWritesAreKeptApart() {
        assertThat(UsageNormaliser.claude(json("""
                {"input_tokens": 20, "cache_creation_input_tokens": 300, "cache_read_input_tokens": 1000,
                 "cache_creation": {"ephemeral_5m_input_tokens": 100, "ephemeral_1h_input_tokens": 200},
                 "output_tokens": 50, "output_tokens_details": {"thinking_tokens": 12}}
                """))).isEqualTo(new CanonicalUsage(20, 1000, 100, 50, 12, UsageBasis.UPSTREAM, 200, 0));
    }

    @Test
    void claudeStreamTakesTheLatestValueOfEachField() {
        UsageNormaliser.ClaudeStreamUsage stream = new UsageNormaliser.ClaudeStreamUsage();
        stream.add(json("""
                {"input_tokens": 377, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 64,
                 "output_tokens": 1}
                """));
        stream.add(json("{\"output_tokens\": 65}"));
        assertThat(stream.usage()).isEqualTo(new CanonicalUsage(377, 64, 0, 65, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void deepSeekRowOfTv09() {
        assertThat(UsageNormaliser.openAiChat(json("""
                {"prompt_tokens": 1000, "completion_tokens": 200, "prompt_cache_hit_tokens": 768,
                 "prompt_cache_miss_tokens": 232, "completion_tokens_details": {"reasoning_tokens": 150}}
                """))).isEqualTo(new CanonicalUsage(232, 768, 0, 200, 150, UsageBasis.UPSTREAM));
    }

    @Test
    void geminiPromptIncludesTheCacheAndThoughtsAreOutput() {
        assertThat(UsageNormaliser.gemini(json("""
                {"promptTokenCount": 1200, "cachedContentTokenCount": 1024, "candidatesTokenCount": 30,
                 "thoughtsTokenCount": 90, "toolUsePromptTokenCount": 0, "totalTokenCount": 1320}
                """))).isEqualTo(new CanonicalUsage(176, 1024, 0, 120, 90, UsageBasis.UPSTREAM));
    }

    @Test
    void responsesInputIncludesTheCache() {
        assertThat(UsageNormaliser.openAiResponses(json("""
                {"input_tokens": 1200, "input_tokens_details": {"cached_tokens": 1024}, "output_tokens": 80,
                 "output_tokens_details": {"reasoning_tokens": 40}, "total_tokens": 1280}
                """))).isEqualTo(new CanonicalUsage(176, 1024, 0, 80, 40, UsageBasis.UPSTREAM));
    }

    @Test
    void cohereBillsSearchUnitsAndJinaTokens() {
        assertThat(UsageNormaliser.rerank(json("""
                {"results": [], "meta": {"api_version": {"version": "2"}, "billed_units": {"search_units": 3}}}
                """))).isEqualTo(new CanonicalUsage(0, 0, 0, 0, 0, UsageBasis.UPSTREAM, 0, 3));
        assertThat(UsageNormaliser.rerank(json("""
                {"model": "jina-reranker-v2-base-multilingual", "usage": {"total_tokens": 815}, "results": []}
                """))).isEqualTo(new CanonicalUsage(815, 0, 0, 0, 0, UsageBasis.UPSTREAM));
        assertThat(UsageNormaliser.rerank(json("{\"results\": []}"))).isNull();
    }
}
