package io.llm402.domain.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Enables or disables a channel; the router stops or starts using it. The same status again appends nothing. */
public record SetChannelStatusCommand(@TargetAggregateIdentifier String channelId, boolean enabled, String reason) {
}
