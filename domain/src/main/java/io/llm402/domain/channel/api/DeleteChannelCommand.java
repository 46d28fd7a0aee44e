package io.llm402.domain.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a channel for good; its history (and the charges that name it) stays. */
public record DeleteChannelCommand(@TargetAggregateIdentifier String channelId) {
}
