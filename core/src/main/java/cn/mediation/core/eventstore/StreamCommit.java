package cn.mediation.core.eventstore;

import cn.mediation.core.audit.EventHash;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static cn.mediation.core.eventstore.layout.EventFields.BASE;
import static cn.mediation.core.eventstore.layout.EventFields.COPIED;
import static cn.mediation.core.eventstore.layout.EventFields.GLOBALS;
import static cn.mediation.core.eventstore.layout.EventFields.GLOBAL_SEQUENCE;
import static cn.mediation.core.eventstore.layout.EventFields.HASH;
import static cn.mediation.core.eventstore.layout.EventFields.LAST;
import static cn.mediation.core.eventstore.layout.EventFields.PENDING;
import static cn.mediation.core.eventstore.layout.EventFields.PENDING_EVENTS;
import static cn.mediation.core.eventstore.layout.EventFields.PREV;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static com.mongodb.client.model.Filters.eq;

/**
 * The commit point of an append: one conditional single-document update of an aggregate's stream on
 * {@code (_id, last = first - 1, copied = first - 1, hash)} with upsert, which chains the events' hashes to the
 * stream's last one and leaves them {@code pending} until their copy is in the log; and its undo when the append is
 * refused after it (see {@link MongoEventStorageEngine}).
 */
final class StreamCommit {

    private final MongoCollection<Document> streams;
    private final StreamHeads heads;
    private final LogCopy logCopy;
    private final Clock clock;

    StreamCommit(MongoCollection<Document> streams, StreamHeads heads, LogCopy logCopy, Clock clock) {
        this.streams = streams;
        this.heads = heads;
        this.logCopy = logCopy;
        this.clock = clock;
    }

    /**
     * Commits {@code group}, the events of one aggregate, to its stream, chaining their log documents
     * ({@code logDocuments}, by event identifier, numbered) to its last hash; an {@link EventStoreConflictException}
     * or the driver's exception when it is refused.
     */
    void commit(String aggregateIdentifier, List<DomainEventMessage<?>> group, Map<String, Document> logDocuments,
                Instant now) {
        long first = group.get(0).getSequenceNumber();
        // a new stream starts with no hash, and a stream this engine just loaded or appended to has the hash it
        // remembers: commit on that without reading; if the guess is wrong, the compare-and-set refuses it and the
        // commit is made again on what the stream holds
        StreamHeads.StreamHead known = first == 0 ? new StreamHeads.StreamHead(-1, null)
                : heads.get(aggregateIdentifier);
        if (known != null && known.last() == first - 1) {
            try {
                if (commitOn(aggregateIdentifier, group, logDocuments, now, known.hash())) {
                    return;
                }
            } catch (MongoWriteException e) {
                // refused by the compare-and-set: read the stream below
            }
            heads.forget(aggregateIdentifier);
        }
        // the hash chain continues from the stream's last hash; the stream must end right before this commit (the
        // compare-and-set below checks that again, so the hash read here is the one it commits on)
        Document current = streams.find(eq("_id", aggregateIdentifier)).projection(Projections.include(LAST, HASH))
                                  .first();
        if (current != null && ((Number) current.get(LAST)).longValue() != first - 1) {
            throw new EventStoreConflictException(
                    "Aggregate " + aggregateIdentifier + " already has an event at sequence " + first);
        }
        String previousHash = current == null ? null : current.getString(HASH);
        // the stream must end right before this commit, its earlier commits must all be in the log, and its last
        // hash must still be the one this commit chains to (a commit taken back and replaced by another writer's in
        // between changes it); equality on exactly the four keys of an index is a lookup on the embedded server
        Bson filter = commitFilter(aggregateIdentifier, first, previousHash);
        Document update = streamCommit(group, logDocuments, previousHash, now);
        UpdateResult result;
        try {
            result = streams.updateOne(filter, update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // the stream may end right before this commit with its last commit not yet copied (a writer at work
            // or one that crashed): finish that copy, which is safe to repeat, and try once more
            Document stream = streams.find(eq("_id", aggregateIdentifier)).first();
            if (stream != null && stream.get(PENDING) != null
                    && ((Number) stream.get(LAST)).longValue() == first - 1
                    && logCopy.recoverStream(stream, clock.instant())) {
                if (!java.util.Objects.equals(stream.getString(HASH), previousHash)) {
                    update = streamCommit(group, logDocuments, stream.getString(HASH), now);
                    filter = commitFilter(aggregateIdentifier, first, stream.getString(HASH));
                }
                try {
                    result = streams.updateOne(filter, update, new UpdateOptions().upsert(true));
                } catch (MongoWriteException again) {
                    throw conflict(aggregateIdentifier, first, again);
                }
            } else {
                throw conflict(aggregateIdentifier, first, e);
            }
        }
        if (result.getMatchedCount() == 0 && result.getUpsertedId() == null) {
            throw new EventStoreConflictException(
                    "Aggregate " + aggregateIdentifier + " already has an event at sequence " + first);
        }
    }

    /**
     * The commit's compare-and-set on the stream as it is guessed to end ({@code previousHash}); whether it took.
     * Throws the driver's write exception when the guess made the upsert clash with the stream that is there.
     */
    private boolean commitOn(String aggregateIdentifier, List<DomainEventMessage<?>> group,
                             Map<String, Document> logDocuments, Instant now, String previousHash) {
        long first = group.get(0).getSequenceNumber();
        UpdateResult result = streams.updateOne(commitFilter(aggregateIdentifier, first, previousHash),
                                                streamCommit(group, logDocuments, previousHash, now),
                                                new UpdateOptions().upsert(true));
        return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
    }

    private static Bson commitFilter(String aggregateIdentifier, long first, String previousHash) {
        return new Document("_id", aggregateIdentifier).append(LAST, first - 1).append(COPIED, first - 1)
                                                      .append(HASH, previousHash);
    }

    /**
     * The update that commits a group to its stream: chains the group's log documents to {@code previousHash} (see
     * {@link EventHash}), copies them into {@code pendingEvents} and keeps the last hash on the stream.
     */
    private static Document streamCommit(List<DomainEventMessage<?>> group, Map<String, Document> logDocuments,
                                         String previousHash, Instant now) {
        long first = group.get(0).getSequenceNumber();
        long last = group.get(group.size() - 1).getSequenceNumber();
        String hash = previousHash;
        List<Document> streamEvents = new ArrayList<>(group.size());
        for (DomainEventMessage<?> message : group) {
            Document logDocument = logDocuments.get(message.getIdentifier());
            hash = chain(logDocument, hash);
            streamEvents.add(StoredEvent.streamEvent(logDocument));
        }
        List<Long> globals = streamEvents.stream().map(e -> e.getLong(GLOBAL_SEQUENCE)).collect(Collectors.toList());
        return new Document("$set", new Document(LAST, last).append(TYPE, group.get(0).getType())
                                                              .append(PENDING, Date.from(now))
                                                              .append(PENDING_EVENTS, streamEvents)
                                                              .append(HASH, hash))
                .append("$push", new Document(GLOBALS, new Document("$each", globals)))
                .append("$setOnInsert", new Document(BASE, first));
    }

    /**
     * Sets {@code prev} (absent for an aggregate's first event) and {@code hash} on a finished log document, whose
     * payload is as it will be stored; returns the hash.
     */
    private static String chain(Document logDocument, String previousHash) {
        logDocument.remove(HASH);
        logDocument.remove(PREV);
        if (previousHash != null) {
            logDocument.append(PREV, previousHash);
        }
        String hash = EventHash.of(logDocument);
        logDocument.append(HASH, hash);
        return hash;
    }

    /** Events without an aggregate belong to no chain: they get a hash and no {@code prev}. */
    static void hashNonDomainEvents(List<Document> logDocuments) {
        for (Document logDocument : logDocuments) {
            if (logDocument.get(TYPE) == null) {
                chain(logDocument, null);
            }
        }
    }

    private static EventStoreConflictException conflict(String aggregateIdentifier, long first, Exception cause) {
        return new EventStoreConflictException(
                "Aggregate " + aggregateIdentifier + " already has an event at sequence " + first, cause);
    }

    /**
     * Takes back the commits of an append that is refused after them (several aggregates in one append), with the
     * stream's last hash.
     */
    void undo(Map<String, List<DomainEventMessage<?>>> byAggregate, List<String> committed,
              Map<String, Document> logDocuments) {
        for (String aggregateIdentifier : committed) {
            heads.forget(aggregateIdentifier);
            List<DomainEventMessage<?>> group = byAggregate.get(aggregateIdentifier);
            String previousHash = logDocuments.get(group.get(0).getIdentifier()).getString(PREV);
            long first = group.get(0).getSequenceNumber();
            long last = group.get(group.size() - 1).getSequenceNumber();
            Document filter = new Document("_id", aggregateIdentifier).append(LAST, last).append(COPIED, first - 1);
            if (first == 0) {
                streams.deleteOne(filter);
            } else {
                streams.updateOne(filter, new Document("$set", new Document(LAST, first - 1)
                                                                   .append(HASH, previousHash))
                        .append("$push", new Document(GLOBALS, new Document("$each", List.of())
                                .append("$slice", (int) (first - base(aggregateIdentifier)))))
                        .append("$unset", new Document(PENDING, "").append(PENDING_EVENTS, "")));
            }
        }
        committed.clear();
    }

    private long base(String aggregateIdentifier) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).projection(Projections.include(BASE)).first();
        return stream == null || stream.get(BASE) == null ? 0 : ((Number) stream.get(BASE)).longValue();
    }
}
