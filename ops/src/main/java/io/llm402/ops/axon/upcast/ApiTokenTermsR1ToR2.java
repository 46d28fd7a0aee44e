package io.llm402.ops.axon.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llm402.domain.access.api.ApiTokenIssuedEvent;
import io.llm402.domain.access.api.ApiTokenTermsChangedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link ApiTokenIssuedEvent} and {@link ApiTokenTermsChangedEvent} revision 1 to 2: a token's terms gained an IP
 * allow-list. A revision-1 token accepted every address, which is the empty list, written explicitly.
 */
public final class ApiTokenTermsR1ToR2 extends SingleEventUpcaster {

    private static final SimpleSerializedType ISSUED_R1 =
            new SimpleSerializedType(ApiTokenIssuedEvent.class.getName(), "1");
    private static final SimpleSerializedType CHANGED_R1 =
            new SimpleSerializedType(ApiTokenTermsChangedEvent.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return ISSUED_R1.equals(representation.getType()) || CHANGED_R1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SimpleSerializedType r2 = new SimpleSerializedType(representation.getType().getName(), "2");
        return representation.upcastPayload(r2, JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            if (event.path("terms") instanceof ObjectNode terms) {
                terms.putArray("allowIps");
            }
            return event;
        });
    }
}
