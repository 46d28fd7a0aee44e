package io.llm402.domain.metering.api;

/**
 * One request's usage in the same shape for every provider (DESIGN §3). Providers disagree on whether prompt counts
 * include cached tokens; each is normalised once into these disjoint buckets.
 *
 * @param inputTokens      input tokens billed at the full input price (cached and cache-write tokens excluded)
 * @param cachedTokens     input tokens read from the provider's prompt cache
 * @param cacheWriteTokens   input tokens written to the provider's prompt cache (Claude: the 5-minute cache)
 * @param outputTokens       output tokens, reasoning included
 * @param reasoningTokens    the part of {@code outputTokens} spent on reasoning (informational)
 * @param cacheWrite1hTokens input tokens written to Claude's 1-hour cache, priced above 5-minute writes
 * @param searchUnits        rerank search units the upstream billed (Cohere); 0 when the call is not metered so
 */
public record CanonicalUsage(long inputTokens, long cachedTokens, long cacheWriteTokens, long outputTokens,
                             long reasoningTokens, UsageBasis basis, long cacheWrite1hTokens, long searchUnits) {

    public static final CanonicalUsage NONE = new CanonicalUsage(0, 0, 0, 0, 0, UsageBasis.POLICY);

    public CanonicalUsage {
        if (inputTokens < 0 || cachedTokens < 0 || cacheWriteTokens < 0 || outputTokens < 0 || reasoningTokens < 0
                || cacheWrite1hTokens < 0 || searchUnits < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
    }

    /** Usage without 1-hour cache writes or search units: every provider but Claude and Cohere. */
    public CanonicalUsage(long inputTokens, long cachedTokens, long cacheWriteTokens, long outputTokens,
                          long reasoningTokens, UsageBasis basis) {
        this(inputTokens, cachedTokens, cacheWriteTokens, outputTokens, reasoningTokens, basis, 0, 0);
    }

    public long totalTokens() {
        return inputTokens + cachedTokens + cacheWriteTokens + cacheWrite1hTokens + outputTokens;
    }
}
