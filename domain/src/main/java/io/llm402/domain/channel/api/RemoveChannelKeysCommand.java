package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Removes keys from a channel: the named ones, or with {@code disabledOnly} and no names every disabled key. The last
 * key is never removed (a channel always has one).
 */
public record RemoveChannelKeysCommand(@TargetAggregateIdentifier String channelId, List<String> fingerprints,
                                       boolean disabledOnly) {

    public RemoveChannelKeysCommand {
        fingerprints = List.copyOf(fingerprints);
    }
}
