package cn.mediation.core.eventstore;

import cn.mediation.core.audit.EventHash;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

/**
 * An Axon event storage engine on the plain MongoDB driver, built so that every hot read is a lookup by {@code _id}.
 *
 * <h2>Layout</h2>
 * <ul>
 *   <li><b>streams</b>: one document per aggregate, {@code _id} = aggregate identifier, holding {@code last} (the
 *   last sequence number), {@code copied} (the last one known to be in the global log) and the aggregate's events,
 *   each with its global sequence number. Appending to an aggregate is one conditional single-document update on
 *   {@code (_id, last = first - 1, copied = first - 1)} with upsert: that is the commit point, atomic without
 *   transactions, and the uniqueness of (aggregate id, sequence number). Loading an aggregate is one {@code _id}
 *   lookup.</li>
 *   <li><b>events</b>: the global log, {@code _id} = global sequence number, a copy of every committed event, with
 *   unique indexes on (aggregateIdentifier, sequenceNumber) and on eventIdentifier. Tracking processors read it with
 *   {@code _id $in [window]} and {@code _id $in [gaps]}.</li>
 *   <li><b>hash chain</b>: every event document (in the log and in {@code pendingEvents}) carries {@code hash},
 *   the SHA-256 of its canonical form without {@code _id} and {@code storedAt}, and {@code prev}, the hash of its
 *   aggregate's previous event (absent for the first); the stream keeps the last one as {@code hash}, read before
 *   and set by the commit, restored by an undo. See {@link EventHash} and {@code cn.mediation.core.audit}.</li>
 *   <li><b>sequence</b>: the counter document; a compare-and-set allocates the block of numbers of an append.</li>
 *   <li><b>snapshots</b>: the latest snapshot per aggregate, {@code _id} = aggregate identifier.</li>
 * </ul>
 *
 * <h2>Order and crash points of one append</h2>
 * (1) allocate numbers, (2) commit to the stream with a {@code pending} mark, (3) copy into the log, (4) durability
 * barrier, (5) set {@code copied} and drop the mark. Numbers come first and a commit needs the previous one copied,
 * so an aggregate's events stand in the log in their own order. A crash before (2) leaves unused numbers: gaps
 * that trackers pass over after the hold-back. After (2) the aggregate has the events and the log may not:
 * {@link #recoverPendingCopies(Duration)} (run by the application at start-up) and any reader that loads the
 * aggregate copy them under the numbers they were given; the unique event identifier makes a copy that did land a
 * no-op. Gaps are re-checked until the gap timeout, as Axon's JDBC engine does.
 *
 * <h2>Payloads at rest</h2>
 * {@link #eventBody} passes every payload (events and snapshots) through the builder's {@link PayloadCodec} before
 * it is stored, and every read ({@link #fetchDomainEvents}, tracking, {@link #readSnapshotData}) decodes it; the
 * application's codec seals personal data (see {@code cn.mediation.core.privacy}). Recovery copies the stored form
 * from the stream to the log as it is: it never opens it.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine implements EventLogPositions {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    static final String COUNTER_ID = "global";
    /** Copies recovered this close to the gap timeout get new numbers: trackers may be about to give up theirs. */
    private static final Duration RENUMBER_MARGIN = Duration.ofSeconds(10);
    /** How many numbers {@link #lastEventPosition()} looks up per round trip, newest first. */
    private static final int LAST_EVENT_PROBE = 256;

    private final MongoCollection<Document> streams;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> sequence;
    private final MongoCollection<Document> snapshots;
    private final java.util.concurrent.atomic.AtomicLong lastAllocated = new java.util.concurrent.atomic.AtomicLong();
    /** How many streams' last sequence number and hash {@link #heads} keeps. */
    private static final int KNOWN_HEADS = 10_000;
    /**
     * The last sequence number and hash of recently loaded or appended streams, whose events were all in the log
     * then, so that a commit right after a load need not read them again. Only a guess: the commit's
     * compare-and-set checks both, and a commit refused on a guess is made again after a read.
     */
    private final Map<String, StreamHead> heads = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, StreamHead> eldest) {
                    return size() > KNOWN_HEADS;
                }
            });

    private record StreamHead(long last, String hash) {
    }
    private final Runnable durabilityBarrier;
    private final java.util.function.Consumer<AppendStep> stepListener;
    private final Clock clock;
    private final Duration gapTimeout;
    private final Duration holdBack;
    private final Duration recoveryDelay;
    private final int maxGapOffset;
    private final long lowestGlobalSequence;
    private final PayloadCodec payloadCodec;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.streams = database.getCollection(builder.prefix + "streams");
        this.events = database.getCollection(builder.prefix + "events");
        this.sequence = database.getCollection(builder.prefix + "sequence");
        this.snapshots = database.getCollection(builder.prefix + "snapshots");
        this.durabilityBarrier = builder.durabilityBarrier;
        this.stepListener = builder.stepListener;
        this.clock = builder.clock;
        this.gapTimeout = builder.gapTimeout;
        this.holdBack = builder.holdBack;
        this.recoveryDelay = builder.recoveryDelay;
        this.maxGapOffset = builder.maxGapOffset;
        this.lowestGlobalSequence = builder.lowestGlobalSequence;
        this.payloadCodec = builder.payloadCodec;
        if (builder.createIndexes) {
            ensureIndexes();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the unique indexes the engine relies on; safe to call again. */
    public void ensureIndexes() {
        // compare-and-set filters name exactly these keys, so the embedded server finds them by index
        streams.createIndex(Indexes.ascending("_id", "last", "copied"),
                            new IndexOptions().unique(true).name("id_last_copied"));
        // the commit's compare-and-set names these four keys: an index on exactly them keeps it a lookup
        streams.createIndex(Indexes.ascending("_id", "last", "copied", "hash"),
                            new IndexOptions().unique(true).name("id_last_copied_hash"));
        snapshots.createIndex(Indexes.ascending("_id", "sequenceNumber"),
                              new IndexOptions().unique(true).name("id_sequence"));
        cn.mediation.core.mongo.Counters.ensureIndex(sequence);
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                           new IndexOptions().unique(true).name("aggregate_sequence"));
        events.createIndex(Indexes.ascending("eventIdentifier"),
                           new IndexOptions().unique(true).name("event_identifier"));
    }

    // ------------------------------------------------------------------ append

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        checkBatchIsConsistent(messages);
        checkIdentifiersAreFree(messages);
        Map<String, List<DomainEventMessage<?>>> byAggregate = new LinkedHashMap<>();
        List<Document> logDocuments = new ArrayList<>();
        Map<String, Document> byIdentifier = new HashMap<>();
        for (EventMessage<?> message : messages) {
            Document logDocument = eventBody(message, serializer);
            if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                byAggregate.computeIfAbsent(domain.getAggregateIdentifier(), k -> new ArrayList<>()).add(domain);
                logDocument.append("type", domain.getType())
                           .append("aggregateIdentifier", domain.getAggregateIdentifier());
            } else {
                // a non-domain event: unique key columns filled the way Axon's JDBC engine does
                logDocument.append("type", null)
                           .append("aggregateIdentifier", message.getIdentifier())
                           .append("sequenceNumber", 0L);
            }
            logDocuments.add(logDocument);
            byIdentifier.put(message.getIdentifier(), logDocument);
        }

        // numbers first: an aggregate's next commit can only follow this one, so it gets higher numbers
        Instant allocatedAt = clock.instant();
        long first = allocate(logDocuments.size(), allocatedAt);
        for (int i = 0; i < logDocuments.size(); i++) {
            logDocuments.get(i).append("_id", first + i).append("storedAt", Date.from(allocatedAt));
        }
        hashNonDomainEvents(logDocuments);
        step(AppendStep.NUMBERS_ALLOCATED);

        List<String> committed = new ArrayList<>();
        for (Map.Entry<String, List<DomainEventMessage<?>>> entry : byAggregate.entrySet()) {
            List<DomainEventMessage<?>> group = entry.getValue();
            try {
                commitToStream(entry.getKey(), group, byIdentifier, allocatedAt);
                committed.add(entry.getKey());
            } catch (RuntimeException e) {
                undoCommits(byAggregate, committed, byIdentifier);
                voidNumbers(logDocuments);
                handlePersistenceException(e, group.get(0));
            }
        }
        step(AppendStep.STREAM_COMMITTED);

        try {
            copyToLog(logDocuments);
        } catch (EventStoreConflictException e) {
            undoCommits(byAggregate, committed, byIdentifier);
            events.deleteMany(in("_id", logDocuments.stream().map(d -> d.getLong("_id")).collect(Collectors.toList())));
            voidNumbers(logDocuments);
            handlePersistenceException(e, messages.get(0));
        }
        step(AppendStep.COPIED);
        durabilityBarrier.run();
        step(AppendStep.DURABLE);
        for (String aggregateIdentifier : committed) {
            List<DomainEventMessage<?>> group = byAggregate.get(aggregateIdentifier);
            DomainEventMessage<?> last = group.get(group.size() - 1);
            markCopied(aggregateIdentifier, last.getSequenceNumber());
            heads.put(aggregateIdentifier, new StreamHead(last.getSequenceNumber(),
                                                          byIdentifier.get(last.getIdentifier()).getString("hash")));
        }
        step(AppendStep.MARKER_CLEARED);
    }

    /**
     * Marks the numbers of a refused append as void in the log, so that trackers pass them at once instead of
     * holding back for a writer that will never write them.
     */
    private void voidNumbers(List<Document> logDocuments) {
        List<Document> voids = new ArrayList<>();
        for (Document document : logDocuments) {
            voids.add(new Document("_id", document.get("_id")).append("void", true)
                              .append("eventIdentifier", "void-" + document.get("_id"))
                              .append("aggregateIdentifier", "void-" + document.get("_id"))
                              .append("sequenceNumber", 0L)
                              .append("storedAt", document.get("storedAt")));
        }
        try {
            events.insertMany(voids, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            log.debug("Some numbers of a refused append were already marked");
        }
    }

    /** Records that the stream's events up to {@code last} are in the global log. */
    private void markCopied(String aggregateIdentifier, long last) {
        streams.updateOne(eq("_id", aggregateIdentifier),
                          new Document("$max", new Document("copied", last))
                                  .append("$unset", new Document("pending", "").append("pendingEvents", "")));
    }

    /** Refuses an append whose event identifiers are already stored, before anything is written. */
    private void checkIdentifiersAreFree(List<? extends EventMessage<?>> messages) {
        List<String> identifiers = messages.stream().map(EventMessage::getIdentifier).collect(Collectors.toList());
        Document taken = events.find(in("eventIdentifier", identifiers)).projection(Projections.include(
                "eventIdentifier")).first();
        if (taken != null) {
            EventMessage<?> message = messages.get(0);
            for (EventMessage<?> candidate : messages) {
                if (candidate.getIdentifier().equals(taken.getString("eventIdentifier"))) {
                    message = candidate;
                }
            }
            handlePersistenceException(new EventStoreConflictException(
                    "Event identifier " + message.getIdentifier() + " is already stored"), message);
        }
    }

    /**
     * Takes back the commits of an append that is refused after them (several aggregates in one append), with the
     * stream's last hash.
     */
    private void undoCommits(Map<String, List<DomainEventMessage<?>>> byAggregate, List<String> committed,
                             Map<String, Document> logDocuments) {
        for (String aggregateIdentifier : committed) {
            heads.remove(aggregateIdentifier);
            List<DomainEventMessage<?>> group = byAggregate.get(aggregateIdentifier);
            String previousHash = logDocuments.get(group.get(0).getIdentifier()).getString("prev");
            long first = group.get(0).getSequenceNumber();
            long last = group.get(group.size() - 1).getSequenceNumber();
            Document filter = new Document("_id", aggregateIdentifier).append("last", last).append("copied", first - 1);
            if (first == 0) {
                streams.deleteOne(filter);
            } else {
                streams.updateOne(filter, new Document("$set", new Document("last", first - 1)
                                                                   .append("hash", previousHash))
                        .append("$push", new Document("globals", new Document("$each", List.of())
                                .append("$slice", (int) (first - base(aggregateIdentifier)))))
                        .append("$unset", new Document("pending", "").append("pendingEvents", "")));
            }
        }
        committed.clear();
    }

    private void step(AppendStep step) {
        stepListener.accept(step);
    }

    private void checkBatchIsConsistent(List<? extends EventMessage<?>> messages) {
        Set<String> identifiers = new HashSet<>();
        Map<String, Long> lastSequence = new HashMap<>();
        for (EventMessage<?> message : messages) {
            if (!identifiers.add(message.getIdentifier())) {
                handlePersistenceException(new EventStoreConflictException(
                        "Event identifier " + message.getIdentifier() + " appears twice in one append"), message);
            }
            if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                Long previous = lastSequence.put(domain.getAggregateIdentifier(), domain.getSequenceNumber());
                if (previous != null && previous >= domain.getSequenceNumber()) {
                    handlePersistenceException(new EventStoreConflictException(
                            "Sequence numbers of aggregate " + domain.getAggregateIdentifier()
                                    + " do not increase within one append"), message);
                }
            }
        }
    }

    private void commitToStream(String aggregateIdentifier, List<DomainEventMessage<?>> group,
                                Map<String, Document> logDocuments, Instant now) {
        long first = group.get(0).getSequenceNumber();
        // a new stream starts with no hash, and a stream this engine just loaded or appended to has the hash it
        // remembers: commit on that without reading; if the guess is wrong, the compare-and-set refuses it and the
        // commit is made again on what the stream holds
        StreamHead known = first == 0 ? new StreamHead(-1, null) : heads.get(aggregateIdentifier);
        if (known != null && known.last() == first - 1) {
            try {
                if (commitOn(aggregateIdentifier, group, logDocuments, now, known.hash())) {
                    return;
                }
            } catch (MongoWriteException e) {
                // refused by the compare-and-set: read the stream below
            }
            heads.remove(aggregateIdentifier);
        }
        // the hash chain continues from the stream's last hash; the stream must end right before this commit (the
        // compare-and-set below checks that again, so the hash read here is the one it commits on)
        Document current = streams.find(eq("_id", aggregateIdentifier)).projection(Projections.include("last", "hash"))
                                  .first();
        if (current != null && ((Number) current.get("last")).longValue() != first - 1) {
            throw new EventStoreConflictException(
                    "Aggregate " + aggregateIdentifier + " already has an event at sequence " + first);
        }
        String previousHash = current == null ? null : current.getString("hash");
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
            if (stream != null && stream.get("pending") != null
                    && ((Number) stream.get("last")).longValue() == first - 1
                    && recoverStream(stream, clock.instant())) {
                if (!java.util.Objects.equals(stream.getString("hash"), previousHash)) {
                    update = streamCommit(group, logDocuments, stream.getString("hash"), now);
                    filter = commitFilter(aggregateIdentifier, first, stream.getString("hash"));
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
        return new Document("_id", aggregateIdentifier).append("last", first - 1).append("copied", first - 1)
                                                      .append("hash", previousHash);
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
            streamEvents.add(streamEvent(logDocument));
        }
        List<Long> globals = streamEvents.stream().map(e -> e.getLong("globalSequence")).collect(Collectors.toList());
        return new Document("$set", new Document("last", last).append("type", group.get(0).getType())
                                                              .append("pending", Date.from(now))
                                                              .append("pendingEvents", streamEvents)
                                                              .append("hash", hash))
                .append("$push", new Document("globals", new Document("$each", globals)))
                .append("$setOnInsert", new Document("base", first));
    }

    /**
     * Sets {@code prev} (absent for an aggregate's first event) and {@code hash} on a finished log document, whose
     * payload is as it will be stored; returns the hash.
     */
    private static String chain(Document logDocument, String previousHash) {
        logDocument.remove("hash");
        logDocument.remove("prev");
        if (previousHash != null) {
            logDocument.append("prev", previousHash);
        }
        String hash = EventHash.of(logDocument);
        logDocument.append("hash", hash);
        return hash;
    }

    /** Events without an aggregate belong to no chain: they get a hash and no {@code prev}. */
    private static void hashNonDomainEvents(List<Document> logDocuments) {
        for (Document logDocument : logDocuments) {
            if (logDocument.get("type") == null) {
                chain(logDocument, null);
            }
        }
    }

    private static EventStoreConflictException conflict(String aggregateIdentifier, long first, Exception cause) {
        return new EventStoreConflictException(
                "Aggregate " + aggregateIdentifier + " already has an event at sequence " + first, cause);
    }

    private static Document streamEvent(Document logDocument) {
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

    /** The stored form of a message; its payload as the {@link PayloadCodec} encodes it (personal data sealed). */
    private Document eventBody(EventMessage<?> message, Serializer serializer) {
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

    private long allocate(int count, Instant now) {
        return cn.mediation.core.mongo.Counters.allocate(sequence, COUNTER_ID, count, Date.from(now), lastAllocated)
                + lowestGlobalSequence - 1;
    }

    /**
     * Copies into the global log. A duplicate of the same event (same identifier, aggregate and sequence) means an
     * earlier copy landed; any other clash is a conflict.
     */
    private void copyToLog(List<Document> documents) {
        try {
            events.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                Document attempted = documents.get(error.getIndex());
                Document existing = events.find(eq("eventIdentifier", attempted.getString("eventIdentifier")))
                                          .first();
                boolean sameEvent = existing != null && attempted.get("type") != null
                        && existing.get("aggregateIdentifier").equals(attempted.get("aggregateIdentifier"))
                        && existing.get("sequenceNumber").equals(attempted.get("sequenceNumber"));
                if (!sameEvent) {
                    throw new EventStoreConflictException(
                            "Event identifier " + attempted.getString("eventIdentifier") + " is already stored", e);
                }
            }
        }
    }

    /**
     * Copies into the global log the committed events whose copy an interrupted append did not finish (streams
     * still marked {@code pending} with {@code copied < last}), when the mark is older than {@code olderThan}.
     * Copies keep the numbers allocated for them, unless those are so old that trackers may have given them up as
     * gaps; then they get new ones. A copy that did land is recognised by its event identifier, so running this
     * while the original writer is still at work, or twice, stores nothing twice. Scans the streams collection:
     * run it at start-up; readers repair single streams as they load them.
     */
    public int recoverPendingCopies(Duration olderThan) {
        Instant cutoff = clock.instant().minus(olderThan);
        int repaired = 0;
        for (Document stream : streams.find(new Document("pending", new Document("$exists", true)))) {
            repaired += recoverStream(stream, cutoff) ? 1 : 0;
        }
        return repaired;
    }

    private boolean recoverStream(Document stream, Instant cutoff) {
        Date pending = stream.getDate("pending");
        if (pending == null || pending.toInstant().isAfter(cutoff)) {
            return false;
        }
        long copied = ((Number) stream.get("copied")).longValue();
        long last = ((Number) stream.get("last")).longValue();
        List<Document> copies = new ArrayList<>();
        for (Document event : stream.getList("pendingEvents", Document.class, List.of())) {
            long seq = ((Number) event.get("sequenceNumber")).longValue();
            if (seq > copied && seq <= last) {
                Document copy = new Document(event);
                copy.remove("globalSequence");
                copy.append("_id", event.get("globalSequence")).append("storedAt", pending)
                    .append("type", stream.getString("type")).append("aggregateIdentifier", stream.getString("_id"));
                copies.add(copy);
            }
        }
        Instant now = clock.instant();
        if (!copies.isEmpty() && pending.toInstant().isBefore(now.minus(gapTimeout).plus(RENUMBER_MARGIN))) {
            // trackers may have given these numbers up as gaps: copy them under new numbers
            long first = allocate(copies.size(), now);
            for (int i = 0; i < copies.size(); i++) {
                copies.get(i).append("_id", first + i).append("storedAt", Date.from(now));
            }
        }
        copyToLog(copies);
        durabilityBarrier.run();
        markCopied(stream.getString("_id"), last);
        log.warn("Recovered {} event(s) of an interrupted append into the global log", copies.size());
        return true;
    }

    // ------------------------------------------------------------------ aggregate reads

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).first();
        if (stream == null) {
            return List.of();
        }
        if (stream.get("pending") != null && recoverStream(stream, clock.instant().minus(recoveryDelay))) {
            stream = streams.find(eq("_id", aggregateIdentifier)).first();
        }
        long base = ((Number) stream.get("base")).longValue();
        long copied = ((Number) stream.get("copied")).longValue();
        if (stream.get("pending") == null && ((Number) stream.get("last")).longValue() == copied) {
            heads.put(aggregateIdentifier, new StreamHead(copied, stream.getString("hash")));
        }
        List<Long> globals = new ArrayList<>();
        List<Object> all = stream.getList("globals", Object.class, List.of());
        for (long seq = Math.max(firstSequenceNumber, base); seq <= copied && seq - base < all.size()
                && globals.size() < batchSize; seq++) {
            globals.add(((Number) all.get((int) (seq - base))).longValue());
        }
        List<Document> documents = new ArrayList<>();
        if (!globals.isEmpty()) {
            documents.addAll(events.find(in("_id", globals)).into(new ArrayList<>()));
            documents.sort(java.util.Comparator.comparingLong(d -> ((Number) d.get("sequenceNumber")).longValue()));
        }
        // the latest commit, if its copy into the log is still pending, is read from the stream itself
        for (Document event : stream.getList("pendingEvents", Document.class, List.of())) {
            long seq = ((Number) event.get("sequenceNumber")).longValue();
            if (seq > copied && seq >= firstSequenceNumber && documents.size() < batchSize) {
                documents.add(event);
            }
        }
        PayloadCodec codec = codecFor(documents, d -> aggregateIdentifier);
        List<DomainEventData<?>> result = new ArrayList<>(documents.size());
        for (Document document : documents) {
            String type = document.getString("type") != null ? document.getString("type") : stream.getString("type");
            result.add(domainEntry(type, aggregateIdentifier, document, codec));
        }
        return result;
    }

    private long base(String aggregateIdentifier) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).projection(Projections.include("base")).first();
        return stream == null || stream.get("base") == null ? 0 : ((Number) stream.get("base")).longValue();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).projection(Projections.include("last")).first();
        return Optional.ofNullable(stream).map(s -> ((Number) s.get("last")).longValue()).filter(last -> last >= 0);
    }

    /**
     * The global sequence number of each event of an aggregate, by its sequence number in the aggregate (for the
     * auditors' history). An event whose copy into the global log is still pending has none yet.
     */
    public Map<Long, Long> globalSequences(String aggregateIdentifier) {
        Document stream = streams.find(eq("_id", aggregateIdentifier)).first();
        Map<Long, Long> result = new java.util.TreeMap<>();
        if (stream != null) {
            long base = ((Number) stream.get("base")).longValue();
            long copied = ((Number) stream.get("copied")).longValue();
            List<Object> globals = stream.getList("globals", Object.class, List.of());
            for (int i = 0; i < globals.size() && base + i <= copied; i++) {
                result.put(base + i, ((Number) globals.get(i)).longValue());
            }
        }
        return result;
    }

    /** The highest global sequence number allocated so far (the head of the log), 0 when empty. */
    public long headPosition() {
        Document counter = sequence.find(eq("_id", COUNTER_ID)).first();
        return counter == null ? lowestGlobalSequence - 1
                : ((Number) counter.get("value")).longValue() + lowestGlobalSequence - 1;
    }

    /**
     * The global sequence number of the last event in the log, the furthest a tracker can get; {@code lowest - 1}
     * with no event. It is below {@link #headPosition()} when the last numbers allocated hold no event and never
     * will (an append that failed, or whose process died, between allocating and committing) or only void marks
     * (a refused append): a tracker passes such numbers only when a later event arrives, so "caught up" is measured
     * against this. Read newest first in windows of {@code _id} lookups, as the trackers read.
     */
    public long lastEventPosition() {
        long end = headPosition();
        while (end >= lowestGlobalSequence) {
            long start = Math.max(lowestGlobalSequence, end - LAST_EVENT_PROBE + 1);
            List<Long> window = LongStream.rangeClosed(start, end).boxed().collect(Collectors.toList());
            long last = Long.MIN_VALUE;
            for (Document document : events.find(in("_id", window)).projection(Projections.include("_id", "void"))) {
                if (!document.getBoolean("void", false)) {
                    last = Math.max(last, ((Number) document.get("_id")).longValue());
                }
            }
            if (last != Long.MIN_VALUE) {
                return last;
            }
            end = start - 1;
        }
        return lowestGlobalSequence - 1;
    }

    private static GenericDomainEventEntry<JsonNode> domainEntry(String type, String aggregateIdentifier,
                                                                 Document event, PayloadCodec codec) {
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
    private PayloadCodec codecFor(List<Document> stored, java.util.function.Function<Document, String> aggregateOf) {
        List<PayloadCodec.Stored> batch = new ArrayList<>(stored.size());
        for (Document document : stored) {
            batch.add(new PayloadCodec.Stored(aggregateOf.apply(document), document.getString("payloadType")));
        }
        return payloadCodec.forReading(batch);
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = eventBody(snapshot, serializer)
                .append("_id", snapshot.getAggregateIdentifier())
                .append("type", snapshot.getType());
        Document current = snapshots.find(eq("_id", snapshot.getAggregateIdentifier()))
                                    .projection(Projections.include("sequenceNumber")).first();
        try {
            if (current == null) {
                snapshots.insertOne(document);
            } else if (((Number) current.get("sequenceNumber")).longValue() < snapshot.getSequenceNumber()) {
                snapshots.replaceOne(new Document("_id", snapshot.getAggregateIdentifier())
                                             .append("sequenceNumber", current.get("sequenceNumber")), document);
            }
        } catch (MongoWriteException e) {
            log.debug("Another snapshot of this aggregate was stored at the same time");
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
        if (snapshot == null) {
            return Stream.empty();
        }
        return Stream.of(domainEntry(snapshot.getString("type"), aggregateIdentifier, snapshot, payloadCodec));
    }

    // ------------------------------------------------------------------ tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Token " + lastToken + " is not a GapAwareTrackingToken");
        }
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken;
        Instant now = clock.instant();
        // the documents to deliver with their tokens, decoded together at the end
        List<Document> delivered = new ArrayList<>();
        List<TrackingToken> tokens = new ArrayList<>();

        if (token != null && token.hasGaps()) {
            token = cleanGaps(token, now);
            if (token.hasGaps()) {
                List<Document> filled = events.find(in("_id", new ArrayList<>(token.getGaps())))
                                              .sort(Sorts.ascending("_id")).into(new ArrayList<>());
                for (Document document : filled) {
                    if (document.getBoolean("void", false)) {
                        continue;
                    }
                    token = token.advanceTo(document.getLong("_id"), maxGapOffset);
                    delivered.add(document);
                    tokens.add(token);
                }
            }
        }

        Document counter = sequence.find(eq("_id", COUNTER_ID)).first();
        if (counter == null) {
            return tracked(delivered, tokens);
        }
        long allocated = ((Number) counter.get("value")).longValue() + lowestGlobalSequence - 1;
        Instant lastAllocation = counter.getDate("at").toInstant();
        long next = (token == null ? lowestGlobalSequence - 1 : token.getIndex()) + 1;
        Instant settledBefore = now.minus(holdBack);

        while (delivered.size() < batchSize && next <= allocated) {
            long end = Math.min(allocated, next + (batchSize - delivered.size()) - 1);
            List<Long> window = LongStream.rangeClosed(next, end).boxed().collect(Collectors.toList());
            Map<Long, Document> found = new HashMap<>();
            for (Document document : events.find(in("_id", window))) {
                found.put(document.getLong("_id"), document);
            }
            boolean missingUnsettled = false;
            for (long n = next; n <= end; n++) {
                Document document = found.get(n);
                if (document != null && document.getBoolean("void", false)) {
                    continue;
                }
                if (document != null) {
                    boolean allowGaps = document.getDate("storedAt").toInstant().isAfter(now.minus(gapTimeout));
                    if (token == null) {
                        SortedSet<Long> gaps = allowGaps
                                ? LongStream.range(Math.min(lowestGlobalSequence, n), n).boxed()
                                            .collect(Collectors.toCollection(TreeSet::new))
                                : new TreeSet<>();
                        token = GapAwareTrackingToken.newInstance(n, gaps);
                    } else {
                        token = token.advanceTo(n, allowGaps ? maxGapOffset : 0);
                    }
                    delivered.add(document);
                    tokens.add(token);
                } else if (!isSettled(n, end, found, lastAllocation, settledBefore)) {
                    missingUnsettled = true;
                    break;
                }
            }
            if (missingUnsettled) {
                break;
            }
            next = end + 1;
            if (found.isEmpty() && next <= allocated) {
                // a whole window without a document: a gap at least that long, whose numbers are settled. Its end
                // is found in one step instead of walking it window by window (a number far ahead would otherwise
                // keep the tracker busy for ever)
                Document following = events.find(and(gte("_id", next), lte("_id", allocated)))
                                           .projection(Projections.include("_id", "storedAt"))
                                           .sort(Sorts.ascending("_id")).first();
                if (following == null) {
                    next = allocated + 1;
                } else if (following.getLong("_id") > next
                        && (lastAllocation.isBefore(settledBefore)
                            || following.getDate("storedAt").toInstant().isBefore(settledBefore))) {
                    next = following.getLong("_id");
                }
            }
        }
        return tracked(delivered, tokens);
    }

    /**
     * A number with no event yet is settled (may be passed over, staying a gap in the token) once some later event
     * or the last allocation is older than the hold-back: its writer had that long to finish. Until then the tracker
     * waits, so that events are delivered in global order whenever writers finish in time.
     */
    private static boolean isSettled(long n, long end, Map<Long, Document> found, Instant lastAllocation,
                                     Instant settledBefore) {
        if (lastAllocation.isBefore(settledBefore)) {
            return true;
        }
        for (long m = n + 1; m <= end; m++) {
            Document later = found.get(m);
            if (later != null && later.getDate("storedAt").toInstant().isBefore(settledBefore)) {
                return true;
            }
        }
        return false;
    }

    /** Drops the oldest runs of gaps whose following event was stored longer ago than the gap timeout. */
    private GapAwareTrackingToken cleanGaps(GapAwareTrackingToken token, Instant now) {
        List<long[]> runs = new ArrayList<>();
        long runStart = -1;
        long previous = -2;
        for (long gap : token.getGaps()) {
            if (gap != previous + 1) {
                if (runStart >= 0) {
                    runs.add(new long[]{runStart, previous});
                }
                runStart = gap;
            }
            previous = gap;
        }
        runs.add(new long[]{runStart, previous});
        List<Long> successors = runs.stream().map(run -> run[1] + 1).collect(Collectors.toList());
        Map<Long, Instant> storedAt = new HashMap<>();
        for (Document document : events.find(in("_id", successors)).projection(Projections.include("storedAt"))) {
            storedAt.put(document.getLong("_id"), document.getDate("storedAt").toInstant());
        }
        Instant timeout = now.minus(gapTimeout);
        GapAwareTrackingToken cleaned = token;
        for (long[] run : runs) {
            Instant after = storedAt.get(run[1] + 1);
            if (after == null || after.isAfter(timeout)) {
                break;
            }
            cleaned = cleaned.withGapsTruncatedAt(run[1] + 1);
        }
        return cleaned;
    }

    private List<TrackedEventData<?>> tracked(List<Document> documents, List<TrackingToken> tokens) {
        PayloadCodec codec = codecFor(documents, d -> d.getString("type") == null ? null
                : d.getString("aggregateIdentifier"));
        List<TrackedEventData<?>> result = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            result.add(tracked(documents.get(i), tokens.get(i), codec));
        }
        return result;
    }

    private static TrackedEventData<JsonNode> tracked(Document document, TrackingToken token, PayloadCodec codec) {
        String type = document.getString("type");
        String aggregateIdentifier = type == null ? null : document.getString("aggregateIdentifier");
        GenericDomainEventEntry<JsonNode> entry = new GenericDomainEventEntry<>(
                type, aggregateIdentifier,
                ((Number) document.get("sequenceNumber")).longValue(),
                document.getString("eventIdentifier"), document.getDate("timestamp").toInstant(),
                document.getString("payloadType"), document.getString("payloadRevision"),
                payload(aggregateIdentifier, document, codec),
                BsonJson.fromDecoded(document.get("metaData")));
        return new TrackedDomainEventData<>(token, entry);
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(lowestGlobalSequence - 1, List.of());
    }

    @Override
    public TrackingToken createHeadToken() {
        return GapAwareTrackingToken.newInstance(headPosition(), List.of());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events.find(gte("timestamp", Date.from(dateTime)))
                               .sort(Sorts.ascending("_id")).limit(1)
                               .projection(Projections.include("_id")).first();
        if (first == null) {
            return createHeadToken();
        }
        return GapAwareTrackingToken.newInstance(first.getLong("_id") - 1, List.of());
    }

    /** The collections, for tools and tests. */
    public MongoCollection<Document> eventsCollection() {
        return events;
    }

    public MongoCollection<Document> streamsCollection() {
        return streams;
    }

    // for EventLogImport, which rebuilds a store from an exported log

    MongoCollection<Document> sequenceCollection() {
        return sequence;
    }

    MongoCollection<Document> snapshotsCollection() {
        return snapshots;
    }

    long lowestGlobalSequence() {
        return lowestGlobalSequence;
    }

    /** Runs the durability barrier of the builder (commits H2 in the embedded default). */
    void makeDurable() {
        durabilityBarrier.run();
    }

    // ------------------------------------------------------------------ builder

    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String prefix = "";
        private Runnable durabilityBarrier = () -> {
        };
        private java.util.function.Consumer<AppendStep> stepListener = step -> {
        };
        private Clock clock = Clock.systemUTC();
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Duration holdBack = Duration.ofMillis(1000);
        private Duration recoveryDelay = Duration.ZERO;
        private int maxGapOffset = 10_000;
        private long lowestGlobalSequence = 1;
        private boolean createIndexes = true;
        private PayloadCodec payloadCodec = PayloadCodec.IDENTITY;

        protected Builder() {
            persistenceExceptionResolver(new MongoDuplicateKeyResolver());
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /** A prefix for the collection names, so several stores can share a database (tests, benchmarks). */
        public Builder collectionPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Run after every append, before it is acknowledged: makes the write durable (e.g. commits H2). */
        public Builder durabilityBarrier(Runnable durabilityBarrier) {
            this.durabilityBarrier = durabilityBarrier;
            return this;
        }

        /** Hears each write of an append as it completes (see {@link AppendStep}). */
        public Builder stepListener(java.util.function.Consumer<AppendStep> stepListener) {
            this.stepListener = stepListener;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How long a gap is re-checked before it is given up (Axon's JDBC engine: 60 s). */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** How long the tracker waits for a missing number before passing over it (it stays a gap). */
        public Builder holdBack(Duration holdBack) {
            this.holdBack = holdBack;
            return this;
        }

        /**
         * How old a pending copy must be before a reader repairs it (default: at once; a repair racing the original
         * writer stores nothing twice).
         */
        public Builder recoveryDelay(Duration recoveryDelay) {
            this.recoveryDelay = recoveryDelay;
            return this;
        }

        /** Gaps further behind the index than this are dropped (Axon's JDBC engine: 10,000). */
        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /**
         * Encodes every payload before it is stored and decodes it on every read (events and snapshots); default:
         * stored as serialized. The application seals personal data with it.
         */
        public Builder payloadCodec(PayloadCodec payloadCodec) {
            this.payloadCodec = java.util.Objects.requireNonNull(payloadCodec, "payloadCodec");
            return this;
        }

        public Builder createIndexes(boolean createIndexes) {
            this.createIndexes = createIndexes;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(
                org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (database == null) {
                throw new AxonConfigurationException("A MongoDatabase is required");
            }
        }

        public MongoEventStorageEngine build() {
            return new MongoEventStorageEngine(this);
        }
    }
}
