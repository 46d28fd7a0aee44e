package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/** A channel's configuration changed; carries the whole new configuration. */
@Revision("3")
public record ChannelConfigurationChangedEvent(String channelId, ChannelConfiguration configuration) {
}
