package io.llm402.projections.catalog.api;

import org.jspecify.annotations.Nullable;

/** A model's price at one version; token prices in nano-USD per million tokens, ratios in millionths. */
public record ModelPriceView(String model, int priceVersion, long inputNanoUsdPerMTok, long outputNanoUsdPerMTok,
                             @Nullable Long perCallNanoUsd, @Nullable Long cacheRatioMillionths,
                             @Nullable Long cacheWriteRatioMillionths) {
}
