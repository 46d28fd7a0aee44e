package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/** A channel was disabled, and why; no request is routed to it until it is enabled again. */
@Revision("1")
public record ChannelDisabledEvent(String channelId, String reason) {
}
