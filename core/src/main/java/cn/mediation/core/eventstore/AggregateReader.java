package cn.mediation.core.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cn.mediation.core.eventstore.layout.EventFields.BASE;
import static cn.mediation.core.eventstore.layout.EventFields.COPIED;
import static cn.mediation.core.eventstore.layout.EventFields.GLOBALS;
import static cn.mediation.core.eventstore.layout.EventFields.HASH;
import static cn.mediation.core.eventstore.layout.EventFields.LAST;
import static cn.mediation.core.eventstore.layout.EventFields.PENDING;
import static cn.mediation.core.eventstore.layout.EventFields.PENDING_EVENTS;
import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * Reads an aggregate's events: its stream by {@code _id}, the copied events from the log by their global numbers,
 * the latest commit from the stream itself while its copy is pending (repaired first when it is old enough).
 */
final class AggregateReader {

    private final MongoCollection<Document> streams;
    private final MongoCollection<Document> events;
    private final StreamHeads heads;
    private final LogCopy logCopy;
    private final Clock clock;
    private final Duration recoveryDelay;
    private final PayloadCodec payloadCodec;

    AggregateReader(MongoCollection<Document> streams, MongoCollection<Document> events, StreamHeads heads,
                    LogCopy logCopy, Clock clock, Duration recoveryDelay, PayloadCodec payloadCodec) {
        this.streams = streams;
        this.events = events;
        this.heads = heads;
        this.logCopy = logCopy;
        this.clock = clock;
        this.recoveryDelay = recoveryDelay;
        this.payloadCodec = payloadCodec;
    }

    List<? extends DomainEventData<?>> fetch(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).first();
        if (stream == null) {
            return List.of();
        }
        if (stream.get(PENDING) != null && logCopy.recoverStream(stream, clock.instant().minus(recoveryDelay))) {
            stream = streams.find(eq("_id", aggregateIdentifier)).first();
        }
        long base = ((Number) stream.get(BASE)).longValue();
        long copied = ((Number) stream.get(COPIED)).longValue();
        if (stream.get(PENDING) == null && ((Number) stream.get(LAST)).longValue() == copied) {
            heads.remember(aggregateIdentifier, copied, stream.getString(HASH));
        }
        List<Long> globals = new ArrayList<>();
        List<Object> all = stream.getList(GLOBALS, Object.class, List.of());
        for (long seq = Math.max(firstSequenceNumber, base); seq <= copied && seq - base < all.size()
                && globals.size() < batchSize; seq++) {
            globals.add(((Number) all.get((int) (seq - base))).longValue());
        }
        List<Document> documents = new ArrayList<>();
        if (!globals.isEmpty()) {
            documents.addAll(events.find(in("_id", globals)).into(new ArrayList<>()));
            documents.sort(java.util.Comparator.comparingLong(d -> ((Number) d.get(SEQUENCE_NUMBER)).longValue()));
        }
        // the latest commit, if its copy into the log is still pending, is read from the stream itself
        for (Document event : stream.getList(PENDING_EVENTS, Document.class, List.of())) {
            long seq = ((Number) event.get(SEQUENCE_NUMBER)).longValue();
            if (seq > copied && seq >= firstSequenceNumber && documents.size() < batchSize) {
                documents.add(event);
            }
        }
        PayloadCodec codec = StoredEvent.codecFor(payloadCodec, documents, d -> aggregateIdentifier);
        List<DomainEventData<?>> result = new ArrayList<>(documents.size());
        for (Document document : documents) {
            String type = document.getString(TYPE) != null ? document.getString(TYPE) : stream.getString(TYPE);
            result.add(StoredEvent.domainEntry(type, aggregateIdentifier, document, codec));
        }
        return result;
    }

    Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).projection(Projections.include(LAST)).first();
        return Optional.ofNullable(stream).map(s -> ((Number) s.get(LAST)).longValue()).filter(last -> last >= 0);
    }

    /** See {@link MongoEventStorageEngine#globalSequences(String)}. */
    Map<Long, Long> globalSequences(String aggregateIdentifier) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).first();
        Map<Long, Long> result = new java.util.TreeMap<>();
        if (stream != null) {
            long base = ((Number) stream.get(BASE)).longValue();
            long copied = ((Number) stream.get(COPIED)).longValue();
            List<Object> globals = stream.getList(GLOBALS, Object.class, List.of());
            for (int i = 0; i < globals.size() && base + i <= copied; i++) {
                result.put(base + i, ((Number) globals.get(i)).longValue());
            }
        }
        return result;
    }
}
