package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/**
 * One key of a channel was disabled, and why; requests use the channel's other keys.
 *
 * @param automatic disabled by the gateway on an upstream error (a channel test may bring it back), not by an admin
 */
@Revision("1")
public record ChannelKeyDisabledEvent(String channelId, String fingerprint, String reason, boolean automatic) {
}
