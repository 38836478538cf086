package cn.mediation.core.eventstore;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Stream;

import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static com.mongodb.client.model.Filters.eq;

/** The latest snapshot per aggregate, {@code _id} = aggregate identifier, its payload encoded like an event's. */
final class SnapshotStore {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    private final MongoCollection<Document> snapshots;
    private final PayloadCodec payloadCodec;

    SnapshotStore(MongoCollection<Document> snapshots, PayloadCodec payloadCodec) {
        this.snapshots = snapshots;
        this.payloadCodec = payloadCodec;
    }

    /** Stores {@code snapshot} unless one at the same or a later sequence number is there already. */
    void store(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = StoredEvent.body(snapshot, serializer, payloadCodec)
                .append("_id", snapshot.getAggregateIdentifier())
                .append(TYPE, snapshot.getType());
        Document current = snapshots.find(eq("_id", snapshot.getAggregateIdentifier()))
                                    .projection(Projections.include(SEQUENCE_NUMBER)).first();
        try {
            if (current == null) {
                snapshots.insertOne(document);
            } else if (((Number) current.get(SEQUENCE_NUMBER)).longValue() < snapshot.getSequenceNumber()) {
                snapshots.replaceOne(new Document("_id", snapshot.getAggregateIdentifier())
                                             .append(SEQUENCE_NUMBER, current.get(SEQUENCE_NUMBER)), document);
            }
        } catch (MongoWriteException e) {
            log.debug("Another snapshot of this aggregate was stored at the same time");
        }
    }

    Stream<? extends DomainEventData<?>> read(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        return Stream.of(StoredEvent.domainEntry(snapshot.getString(TYPE), aggregateIdentifier, snapshot,
                                                 payloadCodec));
    }
}
