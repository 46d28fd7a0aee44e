package io.llm402.domain.channel.api;

import org.axonframework.serialization.Revision;

/** An upstream channel was registered; its key is recorded only sealed. */
@Revision("1")
public record ChannelRegisteredEvent(String channelId, ChannelConfiguration configuration, String sealedKey,
                                     String keyFingerprint) {
}
