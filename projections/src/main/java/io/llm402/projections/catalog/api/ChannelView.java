package io.llm402.projections.catalog.api;

import io.llm402.domain.channel.api.ChannelKey;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.KeySelection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A channel as routing needs it. Its keys are opened only at the moment of an upstream call.
 *
 * @param keys                       the enabled keys, in order (never empty: a channel without one is disabled)
 * @param promptCacheRatioMillionths {@code null} when the channel does not override the cache ratio
 * @param autoDisable                whether upstream errors may disable the channel or its keys
 * @param relay                      what the channel changes in requests and error answers
 */
public record ChannelView(String channelId, String name, String type, String baseUrl, List<ChannelKey> keys,
                          KeySelection keySelection, List<String> models, Map<String, String> modelMapping,
                          List<String> groups, int priority, int weight, @Nullable Long promptCacheRatioMillionths,
                          boolean thinkingToContent, @Nullable String apiVersion, boolean autoDisable,
                          ChannelRelayOptions relay) {

    public ChannelView {
        keys = List.copyOf(keys);
    }

    /** A channel that changes nothing in the requests it sends. */
    public ChannelView(String channelId, String name, String type, String baseUrl, List<ChannelKey> keys,
                       KeySelection keySelection, List<String> models, Map<String, String> modelMapping,
                       List<String> groups, int priority, int weight, @Nullable Long promptCacheRatioMillionths,
                       boolean thinkingToContent, @Nullable String apiVersion, boolean autoDisable) {
        this(channelId, name, type, baseUrl, keys, keySelection, models, modelMapping, groups, priority, weight,
                promptCacheRatioMillionths, thinkingToContent, apiVersion, autoDisable, ChannelRelayOptions.NONE);
    }

    @Override
    public String toString() {
        return "ChannelView[" + name + ", " + type + ", priority=" + priority + ", weight=" + weight + "]";
    }
}
