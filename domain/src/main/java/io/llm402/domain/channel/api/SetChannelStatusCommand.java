package io.llm402.domain.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Enables or disables a channel; the router stops or starts using it. The same status again appends nothing.
 *
 * @param automatic the gateway decides (an upstream error, a test): it never disables a channel an admin disabled
 *                  twice, and it enables only a channel it disabled itself
 */
public record SetChannelStatusCommand(@TargetAggregateIdentifier String channelId, boolean enabled, String reason,
                                      boolean automatic) {

    public static SetChannelStatusCommand byAdmin(String channelId, boolean enabled) {
        return new SetChannelStatusCommand(channelId, enabled, "disabled by an admin", false);
    }
}
