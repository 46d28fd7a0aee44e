package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/** A channel's upstream key was replaced. */
@Revision("1")
public record ChannelKeyReplacedEvent(String channelId, String sealedKey, String keyFingerprint) {
}
