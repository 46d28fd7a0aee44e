package io.llm402.domain.metering.api;

import java.math.BigInteger;
import java.util.function.Predicate;

/**
 * The cost formula. Rounding rule: the exact rational cost of a request is computed with {@link BigInteger} (no
 * floating point, no intermediate rounding, no overflow) and rounded <em>once</em>, half-up, to 1 nano-USD. Rounding
 * per component instead would let a request's parts drift by up to half a nano-USD each.
 */
public final class PriceCalculator {

    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
    // Prices are per 1e6 tokens and two ratios (cache or 1.0, then group) are in millionths: 1e6 × 1e6 × 1e6.
    private static final BigInteger TOKEN_SCALE = MILLION.pow(3);

    private PriceCalculator() {
    }

    /**
     * The billing rule: a request is billed at the price of the model name as requested when that name has its own
     * price (a reasoning suffix such as {@code o3-mini-high} may cost more), else at the routed model's.
     */
    public static String billedModel(String requested, String routed, Predicate<String> hasPrice) {
        return hasPrice.test(requested) ? requested : routed;
    }

    /** Rates a request's usage: the charge, with every number it was computed from, for the receipt and re-rating. */
    public static Charge charge(String model, String billedModel, String upstreamModel, String channelId,
                                CanonicalUsage usage, PriceTerms terms) {
        return new Charge(model, billedModel, upstreamModel, channelId, usage, terms.priceVersion(),
                terms.groupRatioMillionths(), terms.cacheRatioMillionths(), terms.cacheWriteRatioMillionths(),
                cost(usage, terms), terms.cacheWrite1hRatioMillionths());
    }

    /**
     * The cost in nano-USD: {@code perCall × max(1, searchUnits) × group} for per-call models (a rerank priced per
     * call is charged per search unit when the upstream bills in them); otherwise
     * {@code (input×in×1e6 + cached×in×cacheRatio + cacheWrite×in×cacheWriteRatio + cacheWrite1h×in×cacheWrite1hRatio
     * + output×out×1e6) × group / 1e18}, rounded once, half-up.
     */
    public static long cost(CanonicalUsage usage, PriceTerms terms) {
        Long perCall = terms.perCallNanoUsd();
        if (perCall != null) {
            return perCallCost(perCall, Math.max(1, usage.searchUnits()), terms);
        }
        BigInteger in = big(terms.inputNanoUsdPerMTok());
        BigInteger weighted = big(usage.inputTokens()).multiply(in).multiply(MILLION)
                .add(big(usage.cachedTokens()).multiply(in).multiply(big(terms.cacheRatioMillionths())))
                .add(big(usage.cacheWriteTokens()).multiply(in).multiply(big(terms.cacheWriteRatioMillionths())))
                .add(big(usage.cacheWrite1hTokens()).multiply(in).multiply(big(terms.cacheWrite1hRatioMillionths())))
                .add(big(usage.outputTokens()).multiply(big(terms.outputNanoUsdPerMTok())).multiply(MILLION));
        return roundHalfUp(weighted.multiply(big(terms.groupRatioMillionths())), TOKEN_SCALE);
    }

    /**
     * The most a request can cost, reserved before it is sent: all input at the highest input ratio it can incur (a
     * cache hit is not known in advance, and a cache write costs more than plain input: 1.25× for a 5-minute write,
     * 2× for Anthropic's 1-hour write when {@code hourCacheWrites}) plus the maximum output, × group, rounded once,
     * half-up. Per-call models: the per-call cost × the most units the call can be billed. A cost beyond
     * {@code Long.MAX_VALUE} saturates there (no wallet holds that much), never wraps to a small amount.
     */
    public static long maximumCost(long inputTokensEstimate, long maxOutputTokens, long maxUnits, PriceTerms terms,
                                   boolean hourCacheWrites) {
        if (inputTokensEstimate < 0 || maxOutputTokens < 0 || maxUnits < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
        Long perCall = terms.perCallNanoUsd();
        if (perCall != null) {
            return saturated(perCallProduct(perCall, Math.max(1, maxUnits), terms), MILLION);
        }
        long inputRatio = Math.max(Math.max(1_000_000, terms.cacheRatioMillionths()),
                Math.max(terms.cacheWriteRatioMillionths(), hourCacheWrites ? terms.cacheWrite1hRatioMillionths() : 0));
        BigInteger weighted = big(inputTokensEstimate).multiply(big(terms.inputNanoUsdPerMTok()))
                .multiply(big(inputRatio))
                .add(big(maxOutputTokens).multiply(big(terms.outputNanoUsdPerMTok())).multiply(MILLION));
        return saturated(weighted.multiply(big(terms.groupRatioMillionths())), TOKEN_SCALE);
    }

    public static long maximumCost(long inputTokensEstimate, long maxOutputTokens, PriceTerms terms) {
        return maximumCost(inputTokensEstimate, maxOutputTokens, 1, terms, false);
    }

    private static long perCallCost(long perCallNanoUsd, long units, PriceTerms terms) {
        return roundHalfUp(perCallProduct(perCallNanoUsd, units, terms), MILLION);
    }

    private static BigInteger perCallProduct(long perCallNanoUsd, long units, PriceTerms terms) {
        return big(perCallNanoUsd).multiply(big(units)).multiply(big(terms.groupRatioMillionths()));
    }

    // Every operand is non-negative, so adding half the divisor before truncating is half-up.
    private static long roundHalfUp(BigInteger numerator, BigInteger divisor) {
        return numerator.add(divisor.shiftRight(1)).divide(divisor).longValueExact();
    }

    private static long saturated(BigInteger numerator, BigInteger divisor) {
        BigInteger rounded = numerator.add(divisor.shiftRight(1)).divide(divisor);
        return rounded.bitLength() < Long.SIZE ? rounded.longValue() : Long.MAX_VALUE;
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
