package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/** A channel was deleted. */
@Revision("1")
public record ChannelDeletedEvent(String channelId) {
}
