package cn.mediation.core.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;

/**
 * Reads an event of one revision as the next, whose only change is fields added at the end: each added field reads
 * as JSON {@code null}, which the event documents as "not recorded". Like every upcaster here it works on read only;
 * the stored document and its hash never change. A payload that already has a field keeps its value.
 */
public final class AddedFieldsUpcaster extends SingleEventUpcaster {

    private final SerializedType from;
    private final SerializedType to;
    private final List<String> added;

    public AddedFieldsUpcaster(Class<?> eventType, String fromRevision, String toRevision, List<String> added) {
        this.from = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.to = new SimpleSerializedType(eventType.getName(), toRevision);
        this.added = List.copyOf(added);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, this::add);
    }

    JsonNode add(JsonNode payload) {
        if (!(payload instanceof ObjectNode object)) {
            return payload;
        }
        ObjectNode upcast = object.deepCopy();
        for (String field : added) {
            if (!upcast.has(field)) {
                upcast.putNull(field);
            }
        }
        return upcast;
    }
}
