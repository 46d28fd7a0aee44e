package io.llm402.projections.requests.api;

/** Posted usage summed over one time bucket for one model, user, token and channel. */
public record UsageRollupView(String granularity, long bucketStartEpochMs, String model, String userId,
                              String tokenId, String channelId, long requests, long inputTokens, long cachedTokens,
                              long cacheWriteTokens, long outputTokens, long amountNanoUsd) {
}
