package io.llm402.ops.axon.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llm402.domain.channel.api.ChannelConfigurationChangedEvent;
import io.llm402.domain.channel.api.ChannelRegisteredEvent;
import java.util.Set;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Channel configurations revision 2 to 3, when channels gained relay options (system prompt, parameter and header
 * overrides, status code mapping, {@code stream_options}): a revision-2 channel changed nothing and sent
 * {@code stream_options}.
 */
public final class ChannelEventsR2ToR3 extends SingleEventUpcaster {

    private static final Set<SimpleSerializedType> R2 = Set.of(
            new SimpleSerializedType(ChannelRegisteredEvent.class.getName(), "2"),
            new SimpleSerializedType(ChannelConfigurationChangedEvent.class.getName(), "2"));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return R2.contains(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SimpleSerializedType r3 = new SimpleSerializedType(representation.getType().getName(), "3");
        return representation.upcastPayload(r3, JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            if (event.path("configuration").path("settings") instanceof ObjectNode settings) {
                ObjectNode relay = settings.putObject("relay");
                relay.putNull("systemPrompt");
                relay.put("systemPromptOverride", false);
                relay.putNull("paramOverride");
                relay.putNull("sealedHeaderOverride");
                relay.putNull("headerFingerprint");
                relay.putObject("statusCodeMapping");
                relay.put("streamOptions", true);
            }
            return event;
        });
    }
}
