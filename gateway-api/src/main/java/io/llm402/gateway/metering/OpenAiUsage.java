package io.llm402.gateway.metering;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.UsageBasis;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Normalises an OpenAI Chat Completions {@code usage} object (and DeepSeek's variant) into {@link CanonicalUsage}. */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /**
     * OpenAI's {@code prompt_tokens} includes cached (and cache-write) tokens, so they are subtracted to get the
     * full-price input. DeepSeek reports its cache hits as top-level {@code prompt_cache_hit_tokens} instead.
     *
     * @return the usage, or {@code null} when there is no usage object (the caller then estimates)
     */
    public static @Nullable CanonicalUsage fromUsageNode(@Nullable JsonNode usage) {
        if (usage == null || !usage.isObject()) { // missing, JSON null, or not an object
            return null;
        }
        JsonNode promptDetails = usage.path("prompt_tokens_details");
        long prompt = count(usage.path("prompt_tokens"));
        long cached = count(promptDetails.path("cached_tokens"));
        if (cached == 0) {
            cached = count(usage.path("prompt_cache_hit_tokens"));
        }
        long cacheWrite = count(promptDetails.path("cache_write_tokens"));
        // Floor at 0: a provider whose prompt_tokens excludes the cache must not produce a negative count.
        long input = Math.max(0, prompt - cached - cacheWrite);
        long output = count(usage.path("completion_tokens"));
        long reasoning = count(usage.path("completion_tokens_details").path("reasoning_tokens"));
        return new CanonicalUsage(input, cached, cacheWrite, output, reasoning, UsageBasis.UPSTREAM);
    }

    // Missing, null, non-numeric or negative fields count as 0 rather than failing the request's billing.
    private static long count(JsonNode node) {
        return Math.max(0, node.asLong(0));
    }
}
