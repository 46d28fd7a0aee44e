package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Enables or disables keys of a channel, named by fingerprint (an empty list names them all). A channel whose last
 * enabled key is disabled is disabled with it; one that was disabled that way comes back with its first key.
 *
 * @param automatic the gateway decides, on an upstream error or a test: it enables only keys it disabled itself
 */
public record SetChannelKeyStatusCommand(@TargetAggregateIdentifier String channelId, List<String> fingerprints,
                                         boolean enabled, String reason, boolean automatic) {

    public SetChannelKeyStatusCommand {
        fingerprints = List.copyOf(fingerprints);
    }
}
