package io.llm402.domain.channel.api;

import java.util.List;
import java.util.Map;

/**
 * Everything about a channel except its secret key.
 *
 * @param modelMapping requested model name → name sent upstream
 * @param priority     higher tiers are tried first
 * @param weight       weighted random choice inside a tier
 */
public record ChannelConfiguration(String name, ChannelType type, String baseUrl, List<String> models,
                                   Map<String, String> modelMapping, List<String> groups, int priority, int weight,
                                   ChannelSettings settings) {

    public ChannelConfiguration {
        models = List.copyOf(models);
        modelMapping = Map.copyOf(modelMapping);
        groups = List.copyOf(groups);
        if (weight < 0) {
            throw new IllegalArgumentException("a channel weight is never negative");
        }
    }
}
