package io.llm402.projections.requests.api;

/** Posted usage summed: requests, tokens by class (input excludes cache reads and writes) and the amount charged. */
public record UsageTotals(long requests, long inputTokens, long cachedTokens, long cacheWriteTokens, long outputTokens,
                          long amountNanoUsd) {

    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0, 0, 0);

    public long tokens() {
        return inputTokens + cachedTokens + cacheWriteTokens + outputTokens;
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(requests + other.requests, inputTokens + other.inputTokens,
                cachedTokens + other.cachedTokens, cacheWriteTokens + other.cacheWriteTokens,
                outputTokens + other.outputTokens, amountNanoUsd + other.amountNanoUsd);
    }

    public UsageTotals minus(UsageTotals other) {
        return new UsageTotals(requests - other.requests, inputTokens - other.inputTokens,
                cachedTokens - other.cachedTokens, cacheWriteTokens - other.cacheWriteTokens,
                outputTokens - other.outputTokens, amountNanoUsd - other.amountNanoUsd);
    }
}
