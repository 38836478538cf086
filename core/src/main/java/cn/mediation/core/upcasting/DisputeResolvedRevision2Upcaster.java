package cn.mediation.core.upcasting;

import cn.mediation.core.dispute.DisputeResolvedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Iterator;
import java.util.Map;

/**
 * Reads a stored {@link DisputeResolvedEvent} of revision 1 as revision 2: the field {@code amount} is now called
 * {@code agreedAmount}; its value (a decimal in yuan, or null) is kept as it is, exact scale included.
 *
 * <p>It works on the {@code JsonNode} tree that {@code MongoEventStorageEngine} hands to the upcaster chain, after
 * personal data has been opened. Upcasting happens on read only: the stored document, and with it its hash and the
 * hash chain of the dispute, never change (see ADR 2), so the audit verification of old events stays intact. Fields
 * keep their order, so an upcast payload reads like one written under revision 2.
 */
public final class DisputeResolvedRevision2Upcaster extends SingleEventUpcaster {

    static final SerializedType REVISION_1 = new SimpleSerializedType(DisputeResolvedEvent.class.getName(), "1");
    static final SerializedType REVISION_2 = new SimpleSerializedType(DisputeResolvedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, DisputeResolvedRevision2Upcaster::rename);
    }

    /** The payload with {@code amount} renamed to {@code agreedAmount} in place; anything else is left alone. */
    static JsonNode rename(JsonNode payload) {
        if (!(payload instanceof ObjectNode object) || !object.has("amount") || object.has("agreedAmount")) {
            return payload;
        }
        ObjectNode renamed = object.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            renamed.set(field.getKey().equals("amount") ? "agreedAmount" : field.getKey(), field.getValue());
        }
        return renamed;
    }
}
