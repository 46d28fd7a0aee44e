package io.llm402.ops.axon.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelDisabledEvent;
import io.llm402.domain.channel.api.ChannelKeyReplacedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import java.util.Set;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Channel events revision 1 to 2, when channels gained several keys and automatic disabling: a revision-1 channel had
 * one key (now a list of one), chose keys at random, could be disabled automatically, had no test model; a
 * revision-1 disabling was always an admin's.
 */
public final class ChannelEventsR1ToR2 extends SingleEventUpcaster {

    private static final Set<SimpleSerializedType> R1 = Set.of(
            new SimpleSerializedType(ChannelRegisteredEvent.class.getName(), "1"),
            new SimpleSerializedType(ChannelConfigurationChangedEvent.class.getName(), "1"),
            new SimpleSerializedType(ChannelKeyReplacedEvent.class.getName(), "1"),
            new SimpleSerializedType(ChannelDisabledEvent.class.getName(), "1"));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return R1.contains(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SimpleSerializedType r2 = new SimpleSerializedType(representation.getType().getName(), "2");
        return representation.upcastPayload(r2, JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            if (event.path("configuration").path("settings") instanceof ObjectNode settings) {
                settings.put("keySelection", "RANDOM");
                settings.put("autoDisable", true);
                settings.putNull("testModel");
            }
            if (event.has("sealedKey")) {
                ArrayNode keys = event.putArray("keys");
                keys.addObject().put("fingerprint", event.path("keyFingerprint").asText())
                        .put("sealedKey", event.path("sealedKey").asText());
                event.remove("sealedKey");
                event.remove("keyFingerprint");
            }
            if (ChannelDisabledEvent.class.getName().equals(representation.getType().getName())) {
                event.put("automatic", false);
            }
            return event;
        });
    }
}
