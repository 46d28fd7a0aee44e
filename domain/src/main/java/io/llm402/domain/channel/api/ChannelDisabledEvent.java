package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/**
 * A channel was disabled, and why; no request is routed to it until it is enabled again.
 *
 * @param automatic disabled by the gateway (an upstream error, a failed test, every key disabled), which a passing
 *                  channel test undoes; an admin's disabling only an admin undoes (revision 1 was always an admin's)
 */
@Revision("2")
public record ChannelDisabledEvent(String channelId, String reason, boolean automatic) {
}
