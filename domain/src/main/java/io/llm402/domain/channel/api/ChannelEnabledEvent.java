package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/** A disabled channel was enabled again. */
@Revision("1")
public record ChannelEnabledEvent(String channelId) {
}
