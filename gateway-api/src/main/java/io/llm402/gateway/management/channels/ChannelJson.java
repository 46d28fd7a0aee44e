package io.llm402.gateway.management.channels;

import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.shared.Ratio;
import io.llm402.domain.shared.SecretBox;
import io.llm402.gateway.channels.RelayOptionsInput;
import io.llm402.gateway.wire.Json;
import io.llm402.projections.catalog.api.ChannelAdminView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A channel as new-api's API shows one: comma lists, JSON strings for the mapping and settings, the type as a number.
 * {@code key} is always empty; {@code channel_info} says how many keys it has and each one's status.
 *
 * @param status       1 enabled, 2 disabled by an admin, 3 disabled automatically
 * @param other        the provider API version (new-api keeps Azure's there)
 * @param otherInfo    JSON with {@code status_reason} and {@code status_time}, as new-api's
 * @param autoBan      1 when upstream errors may disable the channel or its keys
 * @param responseTime the last test's response time in milliseconds, 0 before the first
 * @param testTime     when it was last tested (Unix seconds), 0 before the first
 * @param paramOverride     JSON merged into every upstream body ({@code ""} for none)
 * @param headerOverride    the extra upstream headers, values masked: they may be credentials
 * @param statusCodeMapping upstream error status → the status clients get, as JSON
 */
record ChannelJson(long id, int type, String typeName, String name, String key, String baseUrl, String models,
                   String group, String modelMapping, int priority, int weight, int status, String other,
                   String setting, String otherInfo, int autoBan, String testModel, long responseTime, long testTime,
                   @Nullable String testFailure, ChannelInfo channelInfo, long createdTime, String paramOverride,
                   String headerOverride, String statusCodeMapping) {

    /** new-api's {@code channel_info}: multi-key state. */
    record ChannelInfo(boolean isMultiKey, int multiKeySize, Map<Integer, Integer> multiKeyStatusList,
                       Map<Integer, String> multiKeyDisabledReason, String multiKeyMode) {
    }

    static ChannelJson of(ChannelAdminView channel, SecretBox secretBox) {
        ChannelRelayOptions relay = channel.relay();
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("thinking_to_content", channel.thinkingToContent());
        setting.put("system_prompt", relay.systemPrompt() == null ? "" : relay.systemPrompt());
        setting.put("system_prompt_override", relay.systemPromptOverride());
        setting.put("stream_options", relay.streamOptions());
        if (channel.promptCacheRatioMillionths() != null) {
            setting.put("prompt_cache_ratio", new Ratio(channel.promptCacheRatioMillionths()).toBigDecimal());
        }
        Map<String, Object> otherInfo = new LinkedHashMap<>();
        if (channel.statusReason() != null) {
            otherInfo.put("status_reason", channel.statusReason());
        }
        if (channel.statusChangedAt() != null && channel.status() != ChannelAdminView.ENABLED) {
            otherInfo.put("status_time", channel.statusChangedAt().getEpochSecond());
        }
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        Map<Integer, String> reasons = new LinkedHashMap<>();
        for (ChannelAdminView.KeyStatus key : channel.keys()) {
            if (key.status() != ChannelAdminView.ENABLED) {
                statuses.put(key.index(), key.status());
                if (key.reason() != null) {
                    reasons.put(key.index(), key.reason());
                }
            }
        }
        ChannelInfo info = new ChannelInfo(channel.keys().size() > 1, channel.keys().size(), statuses, reasons,
                channel.keySelection().newApiName());
        return new ChannelJson(channel.number(), ChannelTypes.number(channel.type()), channel.type(), channel.name(),
                "", channel.baseUrl(), String.join(",", channel.models()), String.join(",", channel.groups()),
                Json.MAPPER.writeValueAsString(channel.modelMapping()), channel.priority(), channel.weight(),
                channel.status(), channel.apiVersion() == null ? "" : channel.apiVersion(),
                Json.MAPPER.writeValueAsString(setting), Json.MAPPER.writeValueAsString(otherInfo),
                channel.autoDisable() ? 1 : 0, channel.testModel() == null ? "" : channel.testModel(),
                channel.responseTimeMs() == null ? 0 : channel.responseTimeMs(),
                channel.testedAt() == null ? 0 : channel.testedAt().getEpochSecond(), channel.testFailure(), info,
                channel.createdAt().getEpochSecond(), relay.paramOverride() == null ? "" : relay.paramOverride(),
                relay.sealedHeaderOverride() == null ? ""
                        : Json.MAPPER.writeValueAsString(RelayOptionsInput.maskedHeaders(relay, secretBox)),
                relay.statusCodeMapping().isEmpty() ? "" : Json.MAPPER.writeValueAsString(new TreeMap<>(
                        relay.statusCodeMapping().entrySet().stream().collect(Collectors.toMap(
                                e -> e.getKey().toString(), e -> e.getValue().toString())))));
    }
}
