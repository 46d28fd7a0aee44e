package io.llm402.domain.channel.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A channel's keys were replaced: it now has exactly these, all enabled (revision 1 carried a single key). */
@Revision("2")
public record ChannelKeyReplacedEvent(String channelId, List<ChannelKey> keys) {

    public ChannelKeyReplacedEvent {
        keys = List.copyOf(keys);
    }
}
