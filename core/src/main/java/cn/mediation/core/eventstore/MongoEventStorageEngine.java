package cn.mediation.core.eventstore;

import cn.mediation.core.audit.EventHash;
import cn.mediation.core.eventstore.layout.EventCollections;
import cn.mediation.core.eventstore.layout.EventFields;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static cn.mediation.core.eventstore.layout.EventFields.AGGREGATE_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.COPIED;
import static cn.mediation.core.eventstore.layout.EventFields.EVENT_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.HASH;
import static cn.mediation.core.eventstore.layout.EventFields.LAST;
import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.STORED_AT;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static com.mongodb.client.model.Filters.in;

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
 * {@link StoredEvent#body} passes every payload (events and snapshots) through the builder's {@link PayloadCodec}
 * before it is stored, and every read ({@link #fetchDomainEvents}, tracking, {@link #readSnapshotData}) decodes it;
 * the application's codec seals personal data (see {@code cn.mediation.core.privacy}). Recovery copies the stored
 * form from the stream to the log as it is: it never opens it.
 *
 * <h2>Pieces</h2>
 * This class runs the append protocol and answers Axon; the work is done by {@link StoredEvent} (the stored
 * document, and its reading back as domain event data), {@link GlobalSequence} (the counter), {@link StreamCommit}
 * (the commit point and its undo, with the {@link StreamHeads} it remembers), {@link LogCopy} (the copy to the
 * global log and its recovery), {@link AggregateReader} (an aggregate's events), {@link GapAwareLogReader}
 * (tracking) and {@link SnapshotStore}. The collections' and fields' names are in {@code layout}
 * ({@link EventCollections}, {@link EventFields}), which the auditors read too.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine implements EventLogPositions {

    private final EventCollections collections;
    private final MongoCollection<Document> streams;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> sequence;
    private final MongoCollection<Document> snapshots;
    private final GlobalSequence globalSequence;
    private final StreamHeads heads = new StreamHeads();
    private final LogCopy logCopy;
    private final StreamCommit streamCommit;
    private final AggregateReader aggregateReader;
    private final GapAwareLogReader logReader;
    private final SnapshotStore snapshotStore;
    private final Runnable durabilityBarrier;
    private final java.util.function.Consumer<AppendStep> stepListener;
    private final Clock clock;
    private final PayloadCodec payloadCodec;

    protected MongoEventStorageEngine(MongoEventStorageEngineBuilder builder) {
        super(builder);
        this.collections = new EventCollections(builder.database, builder.prefix);
        this.streams = collections.streams();
        this.events = collections.events();
        this.sequence = collections.sequence();
        this.snapshots = collections.snapshots();
        this.durabilityBarrier = builder.durabilityBarrier;
        this.stepListener = builder.stepListener;
        this.clock = builder.clock;
        this.payloadCodec = builder.payloadCodec;
        this.globalSequence = new GlobalSequence(sequence, builder.lowestGlobalSequence);
        this.logCopy = new LogCopy(events, streams, globalSequence, durabilityBarrier, clock, builder.gapTimeout);
        this.streamCommit = new StreamCommit(streams, heads, logCopy, clock);
        this.aggregateReader = new AggregateReader(streams, events, heads, logCopy, clock, builder.recoveryDelay,
                                                   payloadCodec);
        this.logReader = new GapAwareLogReader(events, globalSequence, clock, builder.gapTimeout, builder.holdBack,
                                               builder.maxGapOffset, payloadCodec);
        this.snapshotStore = new SnapshotStore(snapshots, payloadCodec);
        if (builder.createIndexes) {
            ensureIndexes();
        }
    }

    public static MongoEventStorageEngineBuilder builder() {
        return new MongoEventStorageEngineBuilder();
    }

    /** Creates the unique indexes the engine relies on; safe to call again. */
    public void ensureIndexes() {
        // compare-and-set filters name exactly these keys, so the embedded server finds them by index
        streams.createIndex(Indexes.ascending("_id", LAST, COPIED),
                            new IndexOptions().unique(true).name("id_last_copied"));
        // the commit's compare-and-set names these four keys: an index on exactly them keeps it a lookup
        streams.createIndex(Indexes.ascending("_id", LAST, COPIED, HASH),
                            new IndexOptions().unique(true).name("id_last_copied_hash"));
        snapshots.createIndex(Indexes.ascending("_id", SEQUENCE_NUMBER),
                              new IndexOptions().unique(true).name("id_sequence"));
        cn.mediation.core.mongo.Counters.ensureIndex(sequence);
        events.createIndex(Indexes.ascending(AGGREGATE_IDENTIFIER, SEQUENCE_NUMBER),
                           new IndexOptions().unique(true).name("aggregate_sequence"));
        events.createIndex(Indexes.ascending(EVENT_IDENTIFIER),
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
            Document logDocument = StoredEvent.body(message, serializer, payloadCodec);
            if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                byAggregate.computeIfAbsent(domain.getAggregateIdentifier(), k -> new ArrayList<>()).add(domain);
                logDocument.append(TYPE, domain.getType())
                           .append(AGGREGATE_IDENTIFIER, domain.getAggregateIdentifier());
            } else {
                // a non-domain event: unique key columns filled the way Axon's JDBC engine does
                logDocument.append(TYPE, null)
                           .append(AGGREGATE_IDENTIFIER, message.getIdentifier())
                           .append(SEQUENCE_NUMBER, 0L);
            }
            logDocuments.add(logDocument);
            byIdentifier.put(message.getIdentifier(), logDocument);
        }

        // numbers first: an aggregate's next commit can only follow this one, so it gets higher numbers
        Instant allocatedAt = clock.instant();
        long first = globalSequence.allocate(logDocuments.size(), allocatedAt);
        for (int i = 0; i < logDocuments.size(); i++) {
            logDocuments.get(i).append("_id", first + i).append(STORED_AT, Date.from(allocatedAt));
        }
        StreamCommit.hashNonDomainEvents(logDocuments);
        step(AppendStep.NUMBERS_ALLOCATED);

        List<String> committed = new ArrayList<>();
        for (Map.Entry<String, List<DomainEventMessage<?>>> entry : byAggregate.entrySet()) {
            List<DomainEventMessage<?>> group = entry.getValue();
            try {
                streamCommit.commit(entry.getKey(), group, byIdentifier, allocatedAt);
                committed.add(entry.getKey());
            } catch (RuntimeException e) {
                streamCommit.undo(byAggregate, committed, byIdentifier);
                logCopy.voidNumbers(logDocuments);
                handlePersistenceException(e, group.get(0));
            }
        }
        step(AppendStep.STREAM_COMMITTED);

        try {
            logCopy.copy(logDocuments);
        } catch (EventStoreConflictException e) {
            streamCommit.undo(byAggregate, committed, byIdentifier);
            logCopy.remove(logDocuments);
            logCopy.voidNumbers(logDocuments);
            handlePersistenceException(e, messages.get(0));
        }
        step(AppendStep.COPIED);
        durabilityBarrier.run();
        step(AppendStep.DURABLE);
        for (String aggregateIdentifier : committed) {
            List<DomainEventMessage<?>> group = byAggregate.get(aggregateIdentifier);
            DomainEventMessage<?> last = group.get(group.size() - 1);
            logCopy.markCopied(aggregateIdentifier, last.getSequenceNumber());
            heads.remember(aggregateIdentifier, last.getSequenceNumber(),
                           byIdentifier.get(last.getIdentifier()).getString(HASH));
        }
        step(AppendStep.MARKER_CLEARED);
    }

    /** Refuses an append whose event identifiers are already stored, before anything is written. */
    private void checkIdentifiersAreFree(List<? extends EventMessage<?>> messages) {
        List<String> identifiers = messages.stream().map(EventMessage::getIdentifier).collect(Collectors.toList());
        Document taken = events.find(in(EVENT_IDENTIFIER, identifiers)).projection(Projections.include(
                EVENT_IDENTIFIER)).first();
        if (taken != null) {
            EventMessage<?> message = messages.get(0);
            for (EventMessage<?> candidate : messages) {
                if (candidate.getIdentifier().equals(taken.getString(EVENT_IDENTIFIER))) {
                    message = candidate;
                }
            }
            handlePersistenceException(new EventStoreConflictException(
                    "Event identifier " + message.getIdentifier() + " is already stored"), message);
        }
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

    /**
     * Copies into the global log the committed events whose copy an interrupted append did not finish (streams
     * still marked {@code pending} with {@code copied < last}), when the mark is older than {@code olderThan}.
     * Copies keep the numbers allocated for them, unless those are so old that trackers may have given them up as
     * gaps; then they get new ones. A copy that did land is recognised by its event identifier, so running this
     * while the original writer is still at work, or twice, stores nothing twice. Scans the streams collection:
     * run it at start-up; readers repair single streams as they load them.
     */
    public int recoverPendingCopies(Duration olderThan) {
        return logCopy.recoverPendingCopies(olderThan);
    }

    // ------------------------------------------------------------------ aggregate reads

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        return aggregateReader.fetch(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return aggregateReader.lastSequenceNumberFor(aggregateIdentifier);
    }

    /**
     * The global sequence number of each event of an aggregate, by its sequence number in the aggregate (for the
     * auditors' history). An event whose copy into the global log is still pending has none yet.
     */
    public Map<Long, Long> globalSequences(String aggregateIdentifier) {
        return aggregateReader.globalSequences(aggregateIdentifier);
    }

    /** The highest global sequence number allocated so far (the head of the log), 0 when empty. */
    public long headPosition() {
        return globalSequence.headPosition();
    }

    /**
     * The global sequence number of the last event in the log, the furthest a tracker can get; {@code lowest - 1}
     * with no event. It is below {@link #headPosition()} when the last numbers allocated hold no event and never
     * will (an append that failed, or whose process died, between allocating and committing) or only void marks
     * (a refused append): a tracker passes such numbers only when a later event arrives, so "caught up" is measured
     * against this. Read newest first in windows of {@code _id} lookups, as the trackers read.
     */
    public long lastEventPosition() {
        return logReader.lastEventPosition();
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshotStore.store(snapshot, serializer);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return snapshotStore.read(aggregateIdentifier);
    }

    // ------------------------------------------------------------------ tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return logReader.fetch(lastToken, batchSize);
    }

    @Override
    public TrackingToken createTailToken() {
        return logReader.tailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return logReader.headToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return logReader.tokenAt(dateTime);
    }

    /** The store's collections (database and prefix), for the auditors and tools. */
    public EventCollections collections() {
        return collections;
    }

    /** The collections, for tools and tests. */
    public MongoCollection<Document> eventsCollection() {
        return events;
    }

    public MongoCollection<Document> streamsCollection() {
        return streams;
    }

    // for EventLogImport, which rebuilds a store from an exported log

    long lowestGlobalSequence() {
        return globalSequence.lowest();
    }

    /** Runs the durability barrier of the builder (commits H2 in the embedded default). */
    void makeDurable() {
        durabilityBarrier.run();
    }
}
