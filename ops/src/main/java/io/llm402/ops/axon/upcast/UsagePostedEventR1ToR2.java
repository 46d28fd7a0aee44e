package io.llm402.ops.axon.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llm402.domain.ledger.api.UsagePostedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link UsagePostedEvent} revision 1 to 2: the charge's usage gained 1-hour cache writes and search units, the charge
 * the 1-hour cache-write ratio. A revision-1 charge had none of them, so each is written as 0, explicitly (a missing
 * field would also read as 0 today, but a later revision must not depend on that).
 */
public final class UsagePostedEventR1ToR2 extends SingleEventUpcaster {

    private static final SimpleSerializedType R1 = new SimpleSerializedType(UsagePostedEvent.class.getName(), "1");
    private static final SimpleSerializedType R2 = new SimpleSerializedType(UsagePostedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return R1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(R2, JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            JsonNode charge = event.path("charge");
            if (charge instanceof ObjectNode chargeObject) {
                chargeObject.put("cacheWrite1hRatioMillionths", 0L);
                if (chargeObject.path("usage") instanceof ObjectNode usage) {
                    usage.put("cacheWrite1hTokens", 0L);
                    usage.put("searchUnits", 0L);
                }
            }
            return event;
        });
    }
}
