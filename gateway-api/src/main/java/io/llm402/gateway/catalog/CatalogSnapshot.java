package io.llm402.gateway.catalog;

import io.llm402.projections.catalog.api.ChannelView;
import io.llm402.projections.catalog.api.GroupView;
import io.llm402.projections.catalog.api.ModelPriceView;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.llm402.gateway.routing.DisableRules;
import io.llm402.gateway.routing.RetryRules;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An immutable copy of channels, prices, groups and settings, swapped whole when the catalog changes. */
public record CatalogSnapshot(List<ChannelView> channels, Map<String, ModelPriceView> prices,
                              Map<String, Long> groupRatios, Map<String, String> settings, RetryRules retryRules,
                              DisableRules disableRules, OutputLimits outputLimits) {

    private static final Logger log = LoggerFactory.getLogger(CatalogSnapshot.class);

    public static final CatalogSnapshot EMPTY = of(List.of(), List.of(), List.of(), Map.of());

    /** Reads the rules out of the settings once per reload, not per request. */
    public static CatalogSnapshot of(List<ChannelView> channels, List<ModelPriceView> prices, List<GroupView> groups,
                                     Map<String, String> settings) {
        RetryRules retryRules = RetryRules.DEFAULTS;
        DisableRules disableRules = DisableRules.from(Map.of());
        OutputLimits outputLimits = OutputLimits.BUILT_IN;
        try {
            outputLimits = OutputLimits.withOverrides(settings.getOrDefault("model_max_output_tokens", "{}"));
        } catch (IllegalArgumentException e) {
            log.warn("Model output limits setting unreadable, using the built-in limits: {}", e.getMessage());
        }
        try {
            retryRules = RetryRules.from(settings);
            disableRules = DisableRules.from(settings);
        } catch (IllegalArgumentException e) {
            // Settings are checked when written; a value from an older version that no longer reads falls back.
            log.warn("Channel retry or disable settings unreadable, using the defaults: {}", e.getMessage());
        }
        return new CatalogSnapshot(List.copyOf(channels),
                prices.stream().collect(Collectors.toUnmodifiableMap(ModelPriceView::model, Function.identity())),
                groups.stream().collect(Collectors.toUnmodifiableMap(GroupView::group, GroupView::ratioMillionths)),
                Map.copyOf(settings), retryRules, disableRules, outputLimits);
    }

    public @Nullable ModelPriceView price(String model) {
        return prices.get(model);
    }

    /** An unknown group bills at 1.0, as in new-api. */
    public long groupRatioMillionths(String group) {
        return groupRatios.getOrDefault(group, 1_000_000L);
    }

    /** A {@code true}/{@code false} setting, or its default when it was never set. */
    public boolean flag(String wireName, boolean byDefault) {
        String value = settings.get(wireName);
        return value == null ? byDefault : Boolean.parseBoolean(value);
    }

    /** The global "Prompt Cache Ratio" in millionths, if set. */
    public @Nullable Long globalCacheRatioMillionths() {
        String value = settings.get("prompt_cache_ratio");
        return value == null ? null : io.llm402.domain.shared.Ratio.of(value).millionths();
    }

    /** Channels that serve {@code model} to {@code group}, in catalog order (highest priority first). */
    public List<ChannelView> channelsFor(String model, String group) {
        return channels.stream()
                .filter(channel -> channel.models().contains(model) && channel.groups().contains(group))
                .toList();
    }

    /** Whether any channel serves {@code model} (to any group): how a suffixed name is told from a real one. */
    public boolean serves(String model) {
        for (ChannelView channel : channels) {
            if (channel.models().contains(model)) {
                return true;
            }
        }
        return false;
    }
}
