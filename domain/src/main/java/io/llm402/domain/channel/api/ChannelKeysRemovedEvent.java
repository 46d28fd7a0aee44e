package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** Keys were removed from a channel, named by fingerprint. */
@Revision("1")
public record ChannelKeysRemovedEvent(String channelId, List<String> fingerprints) {

    public ChannelKeysRemovedEvent {
        fingerprints = List.copyOf(fingerprints);
    }
}
