package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** Keys were added to a channel, enabled, after the ones it had. */
@Revision("1")
public record ChannelKeysAddedEvent(String channelId, List<ChannelKey> keys) {

    public ChannelKeysAddedEvent {
        keys = List.copyOf(keys);
    }
}
