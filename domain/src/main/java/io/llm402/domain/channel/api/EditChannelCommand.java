package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Brings an existing channel to this configuration and, when keys are given, replaces its keys with them or appends
 * them (new-api's {@code key_mode}); what already matches appends nothing.
 *
 * @param keys       new keys, or {@code null} to keep the keys
 * @param appendKeys add {@code keys} to the channel's keys instead of replacing them
 */
public record EditChannelCommand(@TargetAggregateIdentifier String channelId, ChannelConfiguration configuration,
                                 @Nullable List<ChannelKey> keys, boolean appendKeys) {

    public EditChannelCommand {
        keys = keys == null ? null : List.copyOf(keys);
    }
}
