package io.llm402.domain.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers the channel or brings it to the given configuration and key; appends nothing when both match.
 *
 * @param sealedKey      the upstream key sealed with {@code CRYPTO_SECRET}
 * @param keyFingerprint keyed fingerprint of the plain key, compared to detect a changed key
 */
public record DefineChannelCommand(@TargetAggregateIdentifier String channelId, ChannelConfiguration configuration,
                                   String sealedKey, String keyFingerprint) {
}
