package io.llm402.projections.catalog.api;

import io.llm402.domain.channel.api.ChannelConfiguration;
import io.llm402.domain.channel.api.ChannelRelayOptions;
import io.llm402.domain.channel.api.ChannelSettings;
import io.llm402.domain.channel.api.ChannelType;
import io.llm402.domain.channel.api.KeySelection;
import io.llm402.domain.shared.Ratio;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A channel as its operators manage it: everything but its keys' values, with new-api's numeric id and status.
 *
 * @param status         1 enabled, 2 disabled by an admin, 3 disabled automatically (new-api's values)
 * @param statusReason   why it was disabled, when it is
 * @param keys           every key's status, in order; never a key's value
 * @param responseTimeMs the last test's response time, {@code null} before the first test
 * @param testFailure    why the last test failed, {@code null} when it passed
 */
public record ChannelAdminView(String channelId, long number, String name, String type, String baseUrl,
                               List<String> models, Map<String, String> modelMapping, List<String> groups,
                               int priority, int weight, @Nullable Long promptCacheRatioMillionths,
                               boolean thinkingToContent, @Nullable String apiVersion, KeySelection keySelection,
                               boolean autoDisable, @Nullable String testModel, int status,
                               @Nullable String statusReason, @Nullable Instant statusChangedAt,
                               List<KeyStatus> keys, @Nullable Instant testedAt, @Nullable Long responseTimeMs,
                               @Nullable String testFailure, Instant createdAt, ChannelRelayOptions relay) {

    public static final int ENABLED = 1;
    public static final int DISABLED_BY_ADMIN = 2;
    public static final int DISABLED_AUTOMATICALLY = 3;

    public ChannelAdminView {
        keys = List.copyOf(keys);
    }

    /** The configuration this view shows: what an edit starts from, and what it waits to see. */
    public ChannelConfiguration configuration() {
        return new ChannelConfiguration(name, ChannelType.fromWireName(type), baseUrl, models, modelMapping, groups,
                priority, weight, new ChannelSettings(promptCacheRatioMillionths == null ? null
                : new Ratio(promptCacheRatioMillionths), thinkingToContent, apiVersion, keySelection, autoDisable,
                testModel, relay));
    }

    /**
     * One key's status.
     *
     * @param index       its position (new-api's key index)
     * @param fingerprint its keyed fingerprint, how commands name it
     * @param status      1, 2 or 3 as for channels
     */
    public record KeyStatus(int index, String fingerprint, int status, @Nullable String reason,
                            @Nullable Instant changedAt) {
    }
}
