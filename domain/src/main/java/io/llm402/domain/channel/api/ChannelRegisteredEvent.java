package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** An upstream channel was registered with one or more keys, recorded only sealed. */
@Revision("3")
public record ChannelRegisteredEvent(String channelId, ChannelConfiguration configuration, List<ChannelKey> keys) {

    public ChannelRegisteredEvent {
        keys = List.copyOf(keys);
    }
}
