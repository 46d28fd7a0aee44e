package io.llm402.gateway.metering;

import io.llm402.domain.metering.api.CanonicalUsage;
import io.llm402.domain.metering.api.UsageBasis;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one place where each provider's usage report becomes a {@link CanonicalUsage} (api-formats §2.5, §3.3, §5.5,
 * §6.5, §8, §9.1). Providers disagree on whether a prompt count includes cache reads and writes; every method here
 * produces disjoint buckets, so a cached token is billed exactly once, at the cache price.
 *
 * <p>Missing, null or non-numeric counts read as 0 rather than failing the request's billing. A negative count, or
 * one above {@link #MAX_PLAUSIBLE_TOKENS}, is not usage at all: it throws {@link ImplausibleUsageException}, and the
 * relay treats the answer as a failed attempt (no charge at 0 as if it were real, no overflow in the price). Each
 * method answers {@code null} when there is no usage object, and the caller then estimates.
 */
public final class UsageNormaliser {

    /** More tokens than any model reads or writes in one request (the largest context windows are ~2M). */
    public static final long MAX_PLAUSIBLE_TOKENS = 100_000_000;

    /** An upstream reported usage no request can have. */
    public static final class ImplausibleUsageException extends RuntimeException {
        ImplausibleUsageException(long count) {
            super("implausible usage count " + count, null, false, false);
        }
    }

    private UsageNormaliser() {
    }

    /**
     * OpenAI Chat Completions, Completions and Embeddings (also Azure, DeepSeek and compatible servers):
     * {@code prompt_tokens} includes cached and cache-write tokens, so they are subtracted. DeepSeek reports its cache
     * hits as top-level {@code prompt_cache_hit_tokens}.
     */
    public static @Nullable CanonicalUsage openAiChat(@Nullable JsonNode usage) {
        if (usage == null || !usage.isObject()) {
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

    /** OpenAI Responses: {@code input_tokens} includes {@code input_tokens_details.cached_tokens}. */
    public static @Nullable CanonicalUsage openAiResponses(@Nullable JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode details = usage.path("input_tokens_details");
        long cached = count(details.path("cached_tokens"));
        long cacheWrite = count(details.path("cache_write_tokens"));
        long input = Math.max(0, count(usage.path("input_tokens")) - cached - cacheWrite);
        return new CanonicalUsage(input, cached, cacheWrite, count(usage.path("output_tokens")),
                count(usage.path("output_tokens_details").path("reasoning_tokens")), UsageBasis.UPSTREAM);
    }

    /**
     * Claude Messages: {@code input_tokens} already excludes the cache. Writes are split by TTL when
     * {@code cache_creation} is given; otherwise all writes are 5-minute writes (the default TTL).
     */
    public static @Nullable CanonicalUsage claude(@Nullable JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        ClaudeStreamUsage merged = new ClaudeStreamUsage();
        merged.add(usage);
        return merged.usage();
    }

    /**
     * Gemini {@code usageMetadata}: {@code promptTokenCount} includes {@code cachedContentTokenCount};
     * {@code candidatesTokenCount} excludes {@code thoughtsTokenCount}, which is output too; tool-use prompt tokens
     * are input.
     */
    public static @Nullable CanonicalUsage gemini(@Nullable JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long prompt = count(usage.path("promptTokenCount")) + count(usage.path("toolUsePromptTokenCount"));
        long cached = count(usage.path("cachedContentTokenCount"));
        long thoughts = count(usage.path("thoughtsTokenCount"));
        long output = count(usage.path("candidatesTokenCount")) + thoughts;
        return new CanonicalUsage(Math.max(0, prompt - cached), cached, 0, output, thoughts, UsageBasis.UPSTREAM);
    }

    /**
     * Rerank: Cohere bills search units ({@code meta.billed_units.search_units}); Jina reports
     * {@code usage.total_tokens}, all input.
     */
    public static @Nullable CanonicalUsage rerank(JsonNode answer) {
        JsonNode billed = answer.path("meta").path("billed_units");
        if (billed.isObject()) {
            return new CanonicalUsage(count(billed.path("input_tokens")), 0, 0, count(billed.path("output_tokens")), 0,
                    UsageBasis.UPSTREAM, 0, count(billed.path("search_units")));
        }
        JsonNode usage = answer.path("usage");
        if (usage.isObject()) {
            long tokens = count(usage.path("total_tokens"));
            return new CanonicalUsage(tokens == 0 ? count(usage.path("prompt_tokens")) : tokens, 0, 0, 0, 0,
                    UsageBasis.UPSTREAM);
        }
        return null;
    }

    /**
     * Claude usage across a stream: {@code message_start} carries the input side, {@code message_delta} cumulative
     * counts; the latest value of each field wins (api-formats §5.4).
     */
    public static final class ClaudeStreamUsage {
        private long input = -1;
        private long cacheRead = -1;
        private long cacheCreation = -1;
        private long write5m = -1;
        private long write1h = -1;
        private long output = -1;
        private long thinking = -1;

        public void add(@Nullable JsonNode usage) {
            if (usage == null || !usage.isObject()) {
                return;
            }
            input = latest(usage.path("input_tokens"), input);
            cacheRead = latest(usage.path("cache_read_input_tokens"), cacheRead);
            cacheCreation = latest(usage.path("cache_creation_input_tokens"), cacheCreation);
            write5m = latest(usage.path("cache_creation").path("ephemeral_5m_input_tokens"), write5m);
            write1h = latest(usage.path("cache_creation").path("ephemeral_1h_input_tokens"), write1h);
            output = latest(usage.path("output_tokens"), output);
            thinking = latest(usage.path("output_tokens_details").path("thinking_tokens"), thinking);
        }

        public @Nullable CanonicalUsage usage() {
            if (input < 0 && output < 0) {
                return null;
            }
            long creation = Math.max(0, cacheCreation);
            long oneHour = Math.max(0, write1h);
            // Without a TTL split every write is a 5-minute write; with one, the split is exact.
            long fiveMinutes = write5m >= 0 ? write5m : write1h >= 0 ? Math.max(0, creation - oneHour) : creation;
            return new CanonicalUsage(Math.max(0, input), Math.max(0, cacheRead), fiveMinutes, Math.max(0, output),
                    Math.max(0, thinking), UsageBasis.UPSTREAM, oneHour, 0);
        }

        private static long latest(JsonNode node, long previous) {
            return node.isNumber() ? plausible(node) : previous;
        }
    }

    private static long count(JsonNode node) {
        return node.isNumber() ? plausible(node) : 0;
    }

    private static long plausible(JsonNode number) {
        double value = number.doubleValue();
        if (value < 0 || value > MAX_PLAUSIBLE_TOKENS) {
            throw new ImplausibleUsageException((long) value);
        }
        return number.asLong();
    }
}
