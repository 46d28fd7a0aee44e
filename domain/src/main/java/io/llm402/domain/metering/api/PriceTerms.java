package io.llm402.domain.metering.api;

import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.shared.Ratio;
import org.jspecify.annotations.Nullable;

/**
 * Everything the cost formula needs for one request, resolved once before the call so the charge can record exactly
 * which numbers were applied. Prices are nano-USD per million tokens; ratios are millionths (1.0 = 1,000,000).
 *
 * @param perCallNanoUsd a flat price per call that replaces the token prices, when set
 */
public record PriceTerms(int priceVersion, long inputNanoUsdPerMTok, long outputNanoUsdPerMTok,
                         @Nullable Long perCallNanoUsd, long cacheRatioMillionths, long cacheWriteRatioMillionths,
                         long groupRatioMillionths, long cacheWrite1hRatioMillionths) {

    public static final long DEFAULT_CACHE_RATIO_MILLIONTHS = 1_000_000;
    public static final long DEFAULT_CACHE_WRITE_RATIO_MILLIONTHS = 1_250_000;
    /** Anthropic prices a 1-hour cache write at twice the base input price (a 5-minute write at 1.25×). */
    public static final long CACHE_WRITE_1H_RATIO_MILLIONTHS = 2_000_000;

    public PriceTerms(int priceVersion, long inputNanoUsdPerMTok, long outputNanoUsdPerMTok,
                      @Nullable Long perCallNanoUsd, long cacheRatioMillionths, long cacheWriteRatioMillionths,
                      long groupRatioMillionths) {
        this(priceVersion, inputNanoUsdPerMTok, outputNanoUsdPerMTok, perCallNanoUsd, cacheRatioMillionths,
                cacheWriteRatioMillionths, groupRatioMillionths, CACHE_WRITE_1H_RATIO_MILLIONTHS);
    }

    public PriceTerms {
        if (inputNanoUsdPerMTok < 0 || outputNanoUsdPerMTok < 0 || (perCallNanoUsd != null && perCallNanoUsd < 0)
                || cacheRatioMillionths < 0 || cacheWriteRatioMillionths < 0 || groupRatioMillionths < 0
                || cacheWrite1hRatioMillionths < 0) {
            throw new IllegalArgumentException("prices and ratios are never negative");
        }
    }

    /**
     * Applies the ratio fallbacks. Cache ratio: the channel's (it knows its upstream's real discount), else the
     * model's, else the global setting, else 1.0 (no discount: never undercharge on a guess). Cache-write ratio: the
     * model's, else 1.25. One-hour cache writes: 2.0 (Anthropic's published multiplier).
     */
    public static PriceTerms resolve(int priceVersion, ModelPrice price, @Nullable Long channelCacheRatioMillionths,
                                     @Nullable Long globalCacheRatioMillionths, long groupRatioMillionths) {
        Ratio model = price.cacheRatio();
        long cacheRatio = channelCacheRatioMillionths != null ? channelCacheRatioMillionths
                : model != null ? model.millionths()
                : globalCacheRatioMillionths != null ? globalCacheRatioMillionths
                : DEFAULT_CACHE_RATIO_MILLIONTHS;
        Ratio write = price.cacheWriteRatio();
        long cacheWriteRatio = write != null ? write.millionths() : DEFAULT_CACHE_WRITE_RATIO_MILLIONTHS;
        return new PriceTerms(priceVersion, price.inputNanoUsdPerMTok(), price.outputNanoUsdPerMTok(),
                price.perCallNanoUsd(), cacheRatio, cacheWriteRatio, groupRatioMillionths);
    }
}
