package io.llm402.gateway.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.UsageBasis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;

class OpenAiUsageTest {

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
        assertThat(OpenAiUsage.fromUsageNode(usage))
                .isEqualTo(new CanonicalUsage(600, 400, 0, 200, 64, UsageBasis.UPSTREAM));
    }

    @Test
    void cacheWriteTokensAreSubtractedToo() {
        JsonNode usage = json("""
                {"prompt_tokens": 1000, "completion_tokens": 10,
                 "prompt_tokens_details": {"cached_tokens": 300, "cache_write_tokens": 200}}
                """);
        // input = 1000 − 300 − 200 = 500
        assertThat(OpenAiUsage.fromUsageNode(usage))
                .isEqualTo(new CanonicalUsage(500, 300, 200, 10, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void deepSeekCacheHitTokensCountAsCached() {
        JsonNode usage = json("""
                {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100,
                 "prompt_cache_hit_tokens": 700, "prompt_cache_miss_tokens": 300,
                 "prompt_tokens_details": {"cached_tokens": 0}}
                """);
        assertThat(OpenAiUsage.fromUsageNode(usage))
                .isEqualTo(new CanonicalUsage(300, 700, 0, 100, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void inputNeverGoesNegative() {
        JsonNode usage = json("""
                {"prompt_tokens": 100, "completion_tokens": 5, "prompt_tokens_details": {"cached_tokens": 150}}
                """);
        assertThat(OpenAiUsage.fromUsageNode(usage))
                .isEqualTo(new CanonicalUsage(0, 150, 0, 5, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void oddFieldsCountAsZero() {
        JsonNode usage = json("""
                {"prompt_tokens": -5, "completion_tokens": "many", "completion_tokens_details": null}
                """);
        assertThat(OpenAiUsage.fromUsageNode(usage))
                .isEqualTo(new CanonicalUsage(0, 0, 0, 0, 0, UsageBasis.UPSTREAM));
    }

    @Test
    void missingUsageIsNull() {
        assertThat(OpenAiUsage.fromUsageNode(null)).isNull();
        assertThat(OpenAiUsage.fromUsageNode(NullNode.getInstance())).isNull();
        assertThat(OpenAiUsage.fromUsageNode(MissingNode.getInstance())).isNull();
        assertThat(OpenAiUsage.fromUsageNode(json("{\"id\": \"x\"}").path("usage"))).isNull();
        assertThat(OpenAiUsage.fromUsageNode(json("[1, 2]"))).isNull();
    }
}
