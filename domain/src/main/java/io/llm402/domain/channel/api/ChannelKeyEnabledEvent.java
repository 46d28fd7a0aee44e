package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/** A disabled key of a channel is used again. */
@Revision("1")
public record ChannelKeyEnabledEvent(String channelId, String fingerprint) {
}
