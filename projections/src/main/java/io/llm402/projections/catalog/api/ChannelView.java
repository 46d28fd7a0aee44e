package io.llm402.projections.catalog.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A channel as routing needs it. {@code sealedKey} is opened only at the moment of an upstream call.
 *
 * @param promptCacheRatioMillionths {@code null} when the channel does not override the cache ratio
 */
public record ChannelView(String channelId, String name, String type, String baseUrl, String sealedKey,
                          List<String> models, Map<String, String> modelMapping, List<String> groups, int priority,
                          int weight, @Nullable Long promptCacheRatioMillionths, boolean thinkingToContent,
                          @Nullable String apiVersion) {

    @Override
    public String toString() {
        return "ChannelView[" + name + ", " + type + ", priority=" + priority + ", weight=" + weight + "]";
    }
}
