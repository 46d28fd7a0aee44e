package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers the channel or brings it to the given configuration and keys (the bootstrap file's desired state): keys
 * not yet there are added, keys no longer listed removed, the others keep their status; appends nothing when all
 * match.
 */
public record DefineChannelCommand(@TargetAggregateIdentifier String channelId, ChannelConfiguration configuration,
                                   List<ChannelKey> keys) {

    public DefineChannelCommand {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a channel has at least one key");
        }
    }
}
