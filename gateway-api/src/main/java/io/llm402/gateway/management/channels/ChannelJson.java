package io.llm402.gateway.management.channels;

import io.llm402.domain.shared.Ratio;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelAdminView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A channel as new-api's API shows one: comma lists, JSON strings for the mapping and settings, the type as a number.
 * {@code key} is always empty.
 *
 * @param other      the provider API version (new-api keeps Azure's there)
 * @param otherInfo  JSON with {@code status_reason}, as new-api's
 */
record ChannelJson(long id, int type, String typeName, String name, String key, String baseUrl, String models,
                   String group, String modelMapping, int priority, int weight, int status, String other,
                   String setting, String otherInfo, long createdTime) {


    static ChannelJson of(ChannelAdminView channel) {
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("thinking_to_content", channel.thinkingToContent());
        if (channel.promptCacheRatioMillionths() != null) {
            setting.put("prompt_cache_ratio", new Ratio(channel.promptCacheRatioMillionths()).toBigDecimal());
        }
        Map<String, Object> otherInfo = new LinkedHashMap<>();
        if (channel.statusReason() != null) {
            otherInfo.put("status_reason", channel.statusReason());
        }
        return new ChannelJson(channel.number(), ChannelTypes.number(channel.type()), channel.type(), channel.name(),
                "", channel.baseUrl(), String.join(",", channel.models()), String.join(",", channel.groups()),
                Json.MAPPER.writeValueAsString(channel.modelMapping()), channel.priority(), channel.weight(), channel.status(),
                channel.apiVersion() == null ? "" : channel.apiVersion(), Json.MAPPER.writeValueAsString(setting),
                Json.MAPPER.writeValueAsString(otherInfo), channel.createdAt().getEpochSecond());
    }
}
