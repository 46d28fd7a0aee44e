package io.llm402.projections.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A channel as its operators manage it: everything but the key, with new-api's numeric id and status.
 *
 * @param status       1 enabled, 2 disabled (new-api's values)
 * @param statusReason why it was disabled, when it is
 */
public record ChannelAdminView(String channelId, long number, String name, String type, String baseUrl,
                               List<String> models, Map<String, String> modelMapping, List<String> groups,
                               int priority, int weight, @Nullable Long promptCacheRatioMillionths,
                               boolean thinkingToContent, @Nullable String apiVersion, int status,
                               @Nullable String statusReason, Instant createdAt) {
}
