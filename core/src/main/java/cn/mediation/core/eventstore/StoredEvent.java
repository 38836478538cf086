package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.layout.EventFields;
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

import static cn.mediation.core.eventstore.layout.EventFields.EVENT_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.GLOBAL_SEQUENCE;
import static cn.mediation.core.eventstore.layout.EventFields.HASH;
import static cn.mediation.core.eventstore.layout.EventFields.META_DATA;
import static cn.mediation.core.eventstore.layout.EventFields.PAYLOAD;
import static cn.mediation.core.eventstore.layout.EventFields.PAYLOAD_REVISION;
import static cn.mediation.core.eventstore.layout.EventFields.PAYLOAD_TYPE;
import static cn.mediation.core.eventstore.layout.EventFields.PREV;
import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.TIMESTAMP;

/**
 * The stored form of an event: the document the engine writes (to the global log, to a stream's
 * {@code pendingEvents} and, for snapshots, to the snapshots collection) and reads back as Axon's domain event data.
 * Its fields are named in {@link EventFields}.
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
        Document body = new Document(EVENT_IDENTIFIER, message.getIdentifier())
                .append(TIMESTAMP, Date.from(message.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, BsonJson.toBson(storedPayload))
                .append(META_DATA, BsonJson.toBson(metaData.getData()));
        if (message instanceof DomainEventMessage<?> domain) {
            body.append(SEQUENCE_NUMBER, domain.getSequenceNumber());
        }
        return body;
    }

    /** A finished log document as its stream keeps it among {@code pendingEvents}, with its global number. */
    static Document streamEvent(Document logDocument) {
        Document event = new Document(SEQUENCE_NUMBER, logDocument.get(SEQUENCE_NUMBER))
                .append(GLOBAL_SEQUENCE, logDocument.get("_id"))
                .append(EVENT_IDENTIFIER, logDocument.get(EVENT_IDENTIFIER))
                .append(TIMESTAMP, logDocument.get(TIMESTAMP))
                .append(PAYLOAD_TYPE, logDocument.get(PAYLOAD_TYPE))
                .append(PAYLOAD_REVISION, logDocument.get(PAYLOAD_REVISION))
                .append(PAYLOAD, logDocument.get(PAYLOAD))
                .append(META_DATA, logDocument.get(META_DATA));
        if (logDocument.get(PREV) != null) {
            event.append(PREV, logDocument.get(PREV));
        }
        return event.append(HASH, logDocument.get(HASH));
    }

    /** A stored event or snapshot as Axon's domain event data, its payload decoded by {@code codec}. */
    static GenericDomainEventEntry<JsonNode> domainEntry(String type, String aggregateIdentifier, Document event,
                                                         PayloadCodec codec) {
        return new GenericDomainEventEntry<>(
                type, aggregateIdentifier, ((Number) event.get(SEQUENCE_NUMBER)).longValue(),
                event.getString(EVENT_IDENTIFIER), event.getDate(TIMESTAMP).toInstant(),
                event.getString(PAYLOAD_TYPE), event.getString(PAYLOAD_REVISION),
                payload(aggregateIdentifier, event, codec),
                BsonJson.fromDecoded(event.get(META_DATA)));
    }

    /** A stored payload as serialized, decoded by the {@link PayloadCodec} (personal data opened or erased). */
    private static JsonNode payload(String aggregateIdentifier, Document stored, PayloadCodec codec) {
        return codec.decode(aggregateIdentifier, stored.getString(PAYLOAD_TYPE),
                            BsonJson.fromDecoded(stored.get(PAYLOAD)));
    }

    /** The codec for decoding these stored documents, told beforehand what they hold (one key lookup per batch). */
    static PayloadCodec codecFor(PayloadCodec payloadCodec, List<Document> stored,
                                 java.util.function.Function<Document, String> aggregateOf) {
        List<PayloadCodec.Stored> batch = new ArrayList<>(stored.size());
        for (Document document : stored) {
            batch.add(new PayloadCodec.Stored(aggregateOf.apply(document), document.getString(PAYLOAD_TYPE)));
        }
        return payloadCodec.forReading(batch);
    }
}
