package io.llm402.domain.channel.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

/**
 * Brings an existing channel to this configuration and, when one is given, a new key; what already matches appends
 * nothing.
 *
 * @param sealedKey      the new upstream key sealed with {@code CRYPTO_SECRET}, or {@code null} to keep the key
 * @param keyFingerprint the new key's fingerprint, with {@code sealedKey}
 */
public record EditChannelCommand(@TargetAggregateIdentifier String channelId, ChannelConfiguration configuration,
                                 @Nullable String sealedKey, @Nullable String keyFingerprint) {
}
