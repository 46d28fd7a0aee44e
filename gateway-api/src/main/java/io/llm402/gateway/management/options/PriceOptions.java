package io.llm402.gateway.management.options;

import io.llm402.domain.pricing.api.ModelPrice;
import io.llm402.domain.shared.Ratio;
import io.llm402.gateway.management.ManagementException;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * new-api's price options ({@code ModelRatio}, {@code CompletionRatio}, {@code ModelPrice}, {@code CacheRatio}) as
 * views of LLM402's price table, and the new prices an edit of one of them makes. A model ratio of 1 is 2 USD per
 * million input tokens (new-api's definition); the completion ratio is output price over input price; a model price is
 * USD per call. Prices are kept to the nano-dollar per million tokens, rounded half-up.
 */
final class PriceOptions {

    static final String MODEL_RATIO = "ModelRatio";
    static final String COMPLETION_RATIO = "CompletionRatio";
    static final String MODEL_PRICE = "ModelPrice";
    static final String CACHE_RATIO = "CacheRatio";

    private static final BigDecimal NANO_PER_MTOK_PER_RATIO = BigDecimal.valueOf(2_000_000_000L);
    private static final BigDecimal NANO_PER_USD = BigDecimal.valueOf(1_000_000_000L);

    private PriceOptions() {
    }

    static boolean isPriceOption(String key) {
        return key.equals(MODEL_RATIO) || key.equals(COMPLETION_RATIO) || key.equals(MODEL_PRICE)
                || key.equals(CACHE_RATIO);
    }

    /** The option's map, model by model, from the current prices. */
    static Map<String, BigDecimal> view(String key, Map<String, ModelPriceView> prices) {
        Map<String, BigDecimal> view = new TreeMap<>();
        prices.forEach((model, price) -> {
            BigDecimal value = switch (key) {
                case MODEL_RATIO -> price.perCallNanoUsd() != null ? null
                        : decimal(BigDecimal.valueOf(price.inputNanoUsdPerMTok())
                        .divide(NANO_PER_MTOK_PER_RATIO, 12, RoundingMode.HALF_UP));
                case COMPLETION_RATIO -> price.perCallNanoUsd() != null || price.inputNanoUsdPerMTok() == 0 ? null
                        : decimal(BigDecimal.valueOf(price.outputNanoUsdPerMTok())
                        .divide(BigDecimal.valueOf(price.inputNanoUsdPerMTok()), 6, RoundingMode.HALF_UP));
                case MODEL_PRICE -> price.perCallNanoUsd() == null ? null
                        : decimal(BigDecimal.valueOf(price.perCallNanoUsd()).divide(NANO_PER_USD));
                case CACHE_RATIO -> price.cacheRatioMillionths() == null ? null
                        : new Ratio(price.cacheRatioMillionths()).toBigDecimal();
                default -> throw new IllegalArgumentException(key);
            };
            if (value != null) {
                view.put(model, value);
            }
        });
        return view;
    }

    /**
     * The prices after setting this option to {@code values}: each listed model gets its new price, computed from its
     * current one; models the option does not list keep theirs. Only changed models are answered.
     */
    static Map<String, ModelPrice> apply(String key, Map<String, BigDecimal> values,
                                         Map<String, ModelPriceView> prices) {
        Map<String, ModelPrice> changed = new LinkedHashMap<>();
        values.forEach((model, value) -> {
            if (value.signum() < 0) {
                throw ManagementException.badRequest(key + "." + model + " must not be negative");
            }
            ModelPriceView current = prices.get(model);
            ModelPrice before = current == null ? null : price(current);
            ModelPrice after = switch (key) {
                case MODEL_RATIO -> {
                    long input = nanoPerMTok(value.multiply(NANO_PER_MTOK_PER_RATIO), key, model);
                    BigDecimal completion = before == null || before.inputNanoUsdPerMTok() == 0 ? BigDecimal.ONE
                            : BigDecimal.valueOf(before.outputNanoUsdPerMTok())
                            .divide(BigDecimal.valueOf(before.inputNanoUsdPerMTok()), 12, RoundingMode.HALF_UP);
                    yield new ModelPrice(input, nanoPerMTok(completion.multiply(BigDecimal.valueOf(input)), key, model),
                            null, before == null ? null : before.cacheRatio(),
                            before == null ? null : before.cacheWriteRatio());
                }
                case COMPLETION_RATIO -> {
                    if (before == null) {
                        throw ManagementException.badRequest(key + "." + model + ": the model has no ModelRatio yet");
                    }
                    yield new ModelPrice(before.inputNanoUsdPerMTok(), nanoPerMTok(
                            value.multiply(BigDecimal.valueOf(before.inputNanoUsdPerMTok())), key, model),
                            before.perCallNanoUsd(), before.cacheRatio(), before.cacheWriteRatio());
                }
                case MODEL_PRICE -> {
                    long perCall;
                    try {
                        perCall = value.multiply(NANO_PER_USD).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
                    } catch (ArithmeticException e) {
                        throw ManagementException.badRequest(key + "." + model + " is finer than a nano-dollar "
                                + "or too large");
                    }
                    yield before == null ? new ModelPrice(0, 0, perCall, null, null)
                            : new ModelPrice(before.inputNanoUsdPerMTok(), before.outputNanoUsdPerMTok(), perCall,
                            before.cacheRatio(), before.cacheWriteRatio());
                }
                case CACHE_RATIO -> {
                    if (before == null) {
                        throw ManagementException.badRequest(key + "." + model + ": the model has no price yet");
                    }
                    Ratio ratio;
                    try {
                        ratio = Ratio.of(value);
                    } catch (IllegalArgumentException e) {
                        throw ManagementException.badRequest(key + "." + model + ": " + e.getMessage());
                    }
                    yield new ModelPrice(before.inputNanoUsdPerMTok(), before.outputNanoUsdPerMTok(),
                            before.perCallNanoUsd(), ratio, before.cacheWriteRatio());
                }
                default -> throw new IllegalArgumentException(key);
            };
            if (!after.equals(before)) {
                changed.put(model, after);
            }
        });
        return changed;
    }

    static ModelPrice price(ModelPriceView view) {
        return new ModelPrice(view.inputNanoUsdPerMTok(), view.outputNanoUsdPerMTok(), view.perCallNanoUsd(),
                view.cacheRatioMillionths() == null ? null : new Ratio(view.cacheRatioMillionths()),
                view.cacheWriteRatioMillionths() == null ? null : new Ratio(view.cacheWriteRatioMillionths()));
    }

    private static long nanoPerMTok(BigDecimal value, String key, String model) {
        try {
            return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw ManagementException.badRequest(key + "." + model + " is too large");
        }
    }

    private static @Nullable BigDecimal decimal(@Nullable BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
