package io.llm402.projections.requests.api;

import org.jspecify.annotations.Nullable;

/**
 * What one request cost and why: the receipt behind {@code X-LLM402-Request-Id}. Token counts, ratios and the price
 * version are {@code null} until the request is posted.
 *
 * @param phase reserved, posted, voided or expired
 */
public record ReceiptView(String requestId, String tokenId, String model, String phase, long reservedNanoUsd,
                          long amountNanoUsd, long uncoveredNanoUsd, @Nullable String billedModel,
                          @Nullable String upstreamModel, @Nullable String channelId, @Nullable Long inputTokens,
                          @Nullable Long cachedTokens, @Nullable Long cacheWriteTokens, @Nullable Long outputTokens,
                          @Nullable Long reasoningTokens, @Nullable String basis, @Nullable Integer priceVersion,
                          @Nullable Long groupRatioMillionths, @Nullable Long cacheRatioMillionths,
                          @Nullable Long cacheWriteRatioMillionths, @Nullable String reason, long reservedAtEpochMs,
                          @Nullable Long cacheWrite1hTokens, @Nullable Long searchUnits,
                          @Nullable Long cacheWrite1hRatioMillionths) {
}
