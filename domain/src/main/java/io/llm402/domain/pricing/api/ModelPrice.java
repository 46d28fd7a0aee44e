package io.llm402.domain.pricing.api;

import io.llm402.domain.shared.Ratio;
import org.jspecify.annotations.Nullable;

/**
 * A model's price. Token prices are nano-USD per million tokens (0.15 USD per 1M = 150,000,000), exact integers.
 *
 * @param perCallNanoUsd  a flat price per call instead of token prices (rerank, images), when set
 * @param cacheRatio      cached-input tokens cost input × this; {@code null} falls back to the global setting
 * @param cacheWriteRatio cache-write tokens cost input × this; {@code null} means the default (1.25)
 */
public record ModelPrice(long inputNanoUsdPerMTok, long outputNanoUsdPerMTok, @Nullable Long perCallNanoUsd,
                         @Nullable Ratio cacheRatio, @Nullable Ratio cacheWriteRatio) {

    public ModelPrice {
        if (inputNanoUsdPerMTok < 0 || outputNanoUsdPerMTok < 0 || (perCallNanoUsd != null && perCallNanoUsd < 0)) {
            throw new IllegalArgumentException("a price is never negative");
        }
    }
}
