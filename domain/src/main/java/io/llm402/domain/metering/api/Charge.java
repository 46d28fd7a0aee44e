package io.llm402.domain.metering.api;

/**
 * How a request's cost was computed, kept with the charge so any receipt can be explained and history re-rated.
 *
 * @param model          the model the client asked for
 * @param billedModel    the model whose price was applied
 * @param upstreamModel  the model name sent upstream (after the channel's mapping)
 * @param priceVersion   version of {@code billedModel}'s price that was used
 * @param amountNanoUsd  the cost, rounded once, half-up, to 1 nano-USD
 * @param cacheWrite1hRatioMillionths the input-price multiplier applied to 1-hour cache writes
 */
public record Charge(String model, String billedModel, String upstreamModel, String channelId, CanonicalUsage usage,
                     int priceVersion, long groupRatioMillionths, long cacheRatioMillionths,
                     long cacheWriteRatioMillionths, long amountNanoUsd, long cacheWrite1hRatioMillionths) {
}
