package cn.mediation.core.eventstore;

import cn.mediation.core.testing.EmbeddedMongo;
import cn.mediation.core.testing.TestMongo;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.eq;

/**
 * Shared pieces of the event store tests: engine construction, events, tracking reads and a clock the tests move.
 */
final class StoreTestSupport {

    static final String AGGREGATE_TYPE = "MediationCase";

    private StoreTestSupport() {
    }

    /** The payload of the events most tests append. */
    record CaseNoted(String caseId, long step) {
    }

    static MongoEventStorageEngineBuilder engineOn(MongoDatabase database) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .eventSerializer(serializer)
                                      .snapshotSerializer(serializer)
                                      .batchSize(100);
    }

    /**
     * A database for tests with several clients at once: the server named by {@code MONGODB_URI} if set, else an
     * embedded server of the test's own on the project's store (closed with the given list), since the shared
     * embedded server's stock backend can answer two concurrent {@code findOneAndUpdate}s with the same document.
     */
    static MongoDatabase databaseForConcurrentClients(List<AutoCloseable> closeables) {
        if (TestMongo.isExternal()) {
            return TestMongo.freshDatabase();
        }
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        closeables.add(mongo);
        return mongo.database("concurrent");
    }

    static DomainEventMessage<CaseNoted> event(String aggregateIdentifier, long sequenceNumber) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateIdentifier, sequenceNumber,
                                               new CaseNoted(aggregateIdentifier, sequenceNumber));
    }

    static List<DomainEventMessage<?>> events(String aggregateIdentifier, long firstSequenceNumber, int count) {
        List<DomainEventMessage<?>> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(event(aggregateIdentifier, firstSequenceNumber + i));
        }
        return result;
    }

    static long indexOf(TrackedEventMessage<?> message) {
        return ((GapAwareTrackingToken) message.trackingToken()).getIndex();
    }

    /** Everything a tracking reader gets from {@code from} on, reading until the engine returns nothing more. */
    static Tracked readAvailable(EventStorageEngine engine, TrackingToken from) {
        List<TrackedEventMessage<?>> all = new ArrayList<>();
        TrackingToken token = from;
        while (true) {
            List<TrackedEventMessage<?>> batch;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                batch = stream.collect(Collectors.toList());
            }
            if (batch.isEmpty()) {
                return new Tracked(all, token);
            }
            all.addAll(batch);
            token = batch.get(batch.size() - 1).trackingToken();
        }
    }

    record Tracked(List<TrackedEventMessage<?>> events, TrackingToken lastToken) {

        List<String> identifiers() {
            return events.stream().map(TrackedEventMessage::getIdentifier).collect(Collectors.toList());
        }

        List<Long> indexes() {
            return events.stream().map(StoreTestSupport::indexOf).collect(Collectors.toList());
        }

        GapAwareTrackingToken gapAwareToken() {
            return (GapAwareTrackingToken) lastToken;
        }

        /** The sequence numbers of one aggregate's events, in the order the tracker delivered them. */
        List<Long> sequenceNumbersOf(String aggregateIdentifier) {
            return events.stream()
                         .filter(m -> m instanceof DomainEventMessage<?> d
                                 && aggregateIdentifier.equals(d.getAggregateIdentifier()))
                         .map(m -> ((DomainEventMessage<?>) m).getSequenceNumber())
                         .collect(Collectors.toList());
        }
    }

    static List<DomainEventMessage<?>> aggregateEvents(EventStorageEngine engine, String aggregateIdentifier) {
        return engine.readEvents(aggregateIdentifier).asStream().collect(Collectors.toList());
    }

    static List<String> identifiersOf(List<? extends DomainEventMessage<?>> messages) {
        return messages.stream().map(DomainEventMessage::getIdentifier).collect(Collectors.toList());
    }

    /** Takes numbers from the global counter without writing events for them, as a writer that died would. */
    static long allocateWithoutWriting(MongoDatabase database, int count, Instant at) {
        Document counter = database.getCollection("sequence").findOneAndUpdate(
                eq("_id", "global"),
                new Document("$inc", new Document("value", (long) count))
                        .append("$set", new Document("at", Date.from(at))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get("value")).longValue();
    }

    /** Writes one event straight into the global log at {@code globalSequence}, shaped as the engine writes it. */
    static void insertIntoLog(MongoDatabase database, long globalSequence, DomainEventMessage<?> message,
                              Instant storedAt) {
        Serializer serializer = JacksonSerializer.defaultSerializer();
        SerializedObject<JsonNode> payload = serializer.serialize(message.getPayload(), JsonNode.class);
        SerializedObject<JsonNode> metaData = serializer.serialize(message.getMetaData(), JsonNode.class);
        Document document = new Document("_id", globalSequence)
                .append("eventIdentifier", message.getIdentifier())
                .append("timestamp", Date.from(message.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", BsonJson.toBson(payload.getData()))
                .append("metaData", BsonJson.toBson(metaData.getData()))
                .append("sequenceNumber", message.getSequenceNumber())
                .append("type", message.getType())
                .append("aggregateIdentifier", message.getAggregateIdentifier())
                .append("storedAt", Date.from(storedAt));
        database.getCollection("events").insertOne(document);
    }

    /** Thrown from a step listener to stop an append between two writes. */
    static final class SimulatedCrash extends RuntimeException {

        SimulatedCrash(AppendStep step) {
            this("stopped after " + step);
        }

        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** A clock that only moves when a test moves it. */
    static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock() {
            this(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        }

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
