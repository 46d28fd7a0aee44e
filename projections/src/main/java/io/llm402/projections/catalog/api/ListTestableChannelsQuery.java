package io.llm402.projections.catalog.api;

import org.jspecify.annotations.Nullable;

/**
 * Channels as a channel test needs them, disabled ones included, with all their keys.
 *
 * @param channelId one channel, or {@code null} for every channel
 */
public record ListTestableChannelsQuery(@Nullable String channelId) {
}
