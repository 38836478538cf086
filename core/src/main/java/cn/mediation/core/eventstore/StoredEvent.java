package cn.mediation.core.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The stored form of an event: the document the engine writes (to the global log, to a stream's
 * {@code pendingEvents} and, for snapshots, to the snapshots collection) and reads back as Axon's domain event data.
 */
final class StoredEvent {

    private StoredEvent() {
    }

    /** The stored form of a message; its payload as the {@link PayloadCodec} encodes it (personal data sealed). */
    static Document body(EventMessage<?> message, Serializer serializer, PayloadCodec payloadCodec) {
        SerializedObject<JsonNode> payload = serializer.serialize(message.getPayload(), JsonNode.class);
        SerializedObject<JsonNode> metaData = serializer.serialize(message.getMetaData(), JsonNode.class);
        String aggregateIdentifier = message instanceof DomainEventMessage<?> domain && domain.getType() != null
                ? domain.getAggregateIdentifier() : null;
        JsonNode storedPayload = payloadCodec.encode(aggregateIdentifier, payload.getType().getName(),
                                                     payload.getData());
        Document body = new Document("eventIdentifier", message.getIdentifier())
                .append("timestamp", Date.from(message.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", BsonJson.toBson(storedPayload))
                .append("metaData", BsonJson.toBson(metaData.getData()));
        if (message instanceof DomainEventMessage<?> domain) {
            body.append("sequenceNumber", domain.getSequenceNumber());
        }
        return body;
    }

    /** A finished log document as its stream keeps it among {@code pendingEvents}, with its global number. */
    static Document streamEvent(Document logDocument) {
        Document event = new Document("sequenceNumber", logDocument.get("sequenceNumber"))
                .append("globalSequence", logDocument.get("_id"))
                .append("eventIdentifier", logDocument.get("eventIdentifier"))
                .append("timestamp", logDocument.get("timestamp"))
                .append("payloadType", logDocument.get("payloadType"))
                .append("payloadRevision", logDocument.get("payloadRevision"))
                .append("payload", logDocument.get("payload"))
                .append("metaData", logDocument.get("metaData"));
        if (logDocument.get("prev") != null) {
            event.append("prev", logDocument.get("prev"));
        }
        return event.append("hash", logDocument.get("hash"));
    }

    /** A stored event or snapshot as Axon's domain event data, its payload decoded by {@code codec}. */
    static GenericDomainEventEntry<JsonNode> domainEntry(String type, String aggregateIdentifier, Document event,
                                                         PayloadCodec codec) {
        return new GenericDomainEventEntry<>(
                type, aggregateIdentifier, ((Number) event.get("sequenceNumber")).longValue(),
                event.getString("eventIdentifier"), event.getDate("timestamp").toInstant(),
                event.getString("payloadType"), event.getString("payloadRevision"),
                payload(aggregateIdentifier, event, codec),
                BsonJson.fromDecoded(event.get("metaData")));
    }

    /** A stored payload as serialized, decoded by the {@link PayloadCodec} (personal data opened or erased). */
    private static JsonNode payload(String aggregateIdentifier, Document stored, PayloadCodec codec) {
        return codec.decode(aggregateIdentifier, stored.getString("payloadType"),
                            BsonJson.fromDecoded(stored.get("payload")));
    }

    /** The codec for decoding these stored documents, told beforehand what they hold (one key lookup per batch). */
    static PayloadCodec codecFor(PayloadCodec payloadCodec, List<Document> stored,
                                 java.util.function.Function<Document, String> aggregateOf) {
        List<PayloadCodec.Stored> batch = new ArrayList<>(stored.size());
        for (Document document : stored) {
            batch.add(new PayloadCodec.Stored(aggregateOf.apply(document), document.getString("payloadType")));
        }
        return payloadCodec.forReading(batch);
    }
}
