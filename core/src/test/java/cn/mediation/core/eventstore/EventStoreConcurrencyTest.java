package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.StoreTestSupport.CaseNoted;
import cn.mediation.core.eventstore.StoreTestSupport.Tracked;
import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditVerifier;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static cn.mediation.core.eventstore.StoreTestSupport.AGGREGATE_TYPE;
import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static cn.mediation.core.eventstore.StoreTestSupport.databaseForConcurrentClients;
import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.event;
import static cn.mediation.core.eventstore.StoreTestSupport.events;
import static cn.mediation.core.eventstore.StoreTestSupport.identifiersOf;
import static cn.mediation.core.eventstore.StoreTestSupport.indexOf;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Writers competing for the same aggregates while a tracking reader follows the global log.
 */
class EventStoreConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int AGGREGATES = 200;
    private static final int TARGET_EVENTS = 20_000;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        Collections.reverse(closeables);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void trackerSeesEveryAcceptedEventOnceInGlobalOrderWhileWritersCompete() throws Exception {
        MongoDatabase database = databaseForConcurrentClients(closeables);
        MongoEventStorageEngine engine = engineOn(database).build();

        AtomicInteger acceptedEvents = new AtomicInteger();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        AtomicInteger refusedAppends = new AtomicInteger();
        Semaphore appended = new Semaphore(0);

        TrackingReader reader = new TrackingReader(engine, appended);
        Future<?> readerDone = threads.submit(reader);

        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(threads.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (acceptedEvents.get() < TARGET_EVENTS) {
                    String aggregateIdentifier = "case-" + random.nextInt(AGGREGATES);
                    long last = engine.lastSequenceNumberFor(aggregateIdentifier).orElse(-1L);
                    List<DomainEventMessage<?>> batch = events(aggregateIdentifier, last + 1, 1 + random.nextInt(3));
                    try {
                        engine.appendEvents(batch);
                        accepted.addAll(identifiersOf(batch));
                        acceptedEvents.addAndGet(batch.size());
                        appended.release();
                    } catch (ConcurrencyException | AggregateStreamCreationException refusal) {
                        refused.addAll(identifiersOf(batch));
                        refusedAppends.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(120, TimeUnit.SECONDS);
        }
        int seenWhileWriting = reader.seen();
        assertThat(refusedAppends.get()).as("appends refused for a concurrent modification").isPositive();
        assertThat(acceptedEvents.get()).isGreaterThanOrEqualTo(TARGET_EVENTS).isEqualTo(accepted.size());

        // the global log holds exactly the accepted events (and void marks where refused appends had numbers)
        Map<String, Long> logIndex = new HashMap<>();
        for (Document document : engine.eventsCollection().find()) {
            if (document.getBoolean("void", false)) {
                continue;
            }
            assertThat(logIndex.put(document.getString("eventIdentifier"), document.getLong("_id")))
                    .as("second log entry for %s", document.getString("eventIdentifier")).isNull();
        }
        assertThat(logIndex.keySet()).as("event identifiers in the global log").isEqualTo(accepted);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(reader.failure.get()).as("tracking reader failure").isNull();
            assertThat(reader.seen()).as("events the reader has seen").isGreaterThanOrEqualTo(accepted.size());
        });
        reader.stop();
        readerDone.get(30, TimeUnit.SECONDS);
        assertThat(reader.failure.get()).as("tracking reader failure").isNull();
        assertThat(seenWhileWriting).as("events the reader had seen before the writers finished").isPositive();

        // the reader saw each of them once, in increasing global order, and nothing else
        List<Delivery> deliveries = reader.deliveries();
        List<String> deliveredIdentifiers = deliveries.stream().map(Delivery::identifier).collect(Collectors.toList());
        assertThat(deliveredIdentifiers).doesNotHaveDuplicates();
        assertThat(new HashSet<>(deliveredIdentifiers)).isEqualTo(accepted);
        for (int i = 1; i < deliveries.size(); i++) {
            assertThat(deliveries.get(i).index())
                    .as("global index of delivery %d (%s) after %s", i, deliveries.get(i), deliveries.get(i - 1))
                    .isGreaterThan(deliveries.get(i - 1).index());
        }
        for (Delivery delivery : deliveries) {
            assertThat(delivery.index()).as("token index of %s", delivery.identifier())
                                        .isEqualTo(logIndex.get(delivery.identifier()));
        }
        assertThat(readAvailable(engine, reader.lastToken()).events()).as("events after the last delivery").isEmpty();

        // every aggregate stream is gap-free and made of accepted events only
        Set<String> inStreams = new HashSet<>();
        for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
            List<DomainEventMessage<?>> stream = aggregateEvents(engine, "case-" + aggregate);
            List<Long> sequenceNumbers = stream.stream().map(DomainEventMessage::getSequenceNumber)
                                               .collect(Collectors.toList());
            assertThat(sequenceNumbers).as("sequence numbers of case-%d", aggregate)
                                       .isEqualTo(LongStream.range(0, stream.size()).boxed()
                                                            .collect(Collectors.toList()));
            inStreams.addAll(identifiersOf(stream));
        }
        assertThat(inStreams).isEqualTo(accepted);

        // refused appends left nothing behind
        assertThat(refused).doesNotContainAnyElementsOf(inStreams);
        assertThat(engine.eventsCollection().countDocuments(in("eventIdentifier", new ArrayList<>(refused))))
                .as("refused events in the global log").isZero();
        assertThat(engine.streamsCollection().countDocuments(new Document("pending", new Document("$exists", true))))
                .as("streams still waiting for a copy").isZero();

        // and every aggregate's hash chain is whole: each commit continued from the hash its compare-and-set saw
        assertThat(AuditVerifier.on(database, AuditLedger.on(database), Clock.systemUTC()).verify().findings())
                .as("audit findings after competing writers").isEmpty();
    }

    @Test
    void refusedAppendSpanningTwoAggregatesLeavesNothingBehind() {
        MongoDatabase database = TestMongo.freshDatabase();
        MongoEventStorageEngine engine = engineOn(database).build();
        engine.appendEvents(events("case-B", 0, 2));

        DomainEventMessage<?> forA = event("case-A", 0);
        DomainEventMessage<?> staleForB = event("case-B", 1);
        assertThatThrownBy(() -> engine.appendEvents(List.of(forA, staleForB)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(engine.lastSequenceNumberFor("case-A")).as("last sequence number of case-A").isEmpty();
        assertThat(aggregateEvents(engine, "case-A")).as("events of case-A").isEmpty();
        engine.recoverPendingCopies(Duration.ZERO);
        assertThat(readAvailable(engine, null).identifiers()).as("tracking stream").doesNotContain(forA.getIdentifier());
    }

    @Test
    void appendRefusedForATakenEventIdentifierLeavesNoTraceInTheAggregates() {
        MongoDatabase database = TestMongo.freshDatabase();
        MongoEventStorageEngine engine = engineOn(database).build();
        DomainEventMessage<?> original = event("case-C", 0);
        engine.appendEvents(original);

        DomainEventMessage<?> forA = event("case-A", 0);
        DomainEventMessage<?> reusingIdentifier = sameIdentifierAs(original, "case-B");
        assertThatThrownBy(() -> engine.appendEvents(List.of(forA, reusingIdentifier)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(aggregateEvents(engine, "case-A")).isEmpty();
        assertThat(aggregateEvents(engine, "case-B")).isEmpty();
        assertThat(readAvailable(engine, null).identifiers()).containsExactly(original.getIdentifier());
        assertThat(engine.lastSequenceNumberFor("case-A")).as("last sequence number of case-A").isEmpty();
        assertThat(engine.lastSequenceNumberFor("case-B")).as("last sequence number of case-B").isEmpty();
    }

    @Test
    void trackerNeverSeesEventsOfAnAppendThatIsRefused() {
        MongoDatabase database = TestMongo.freshDatabase();
        RecordingInserts inserts = new RecordingInserts();
        MongoClient recordingClient = MongoClients.create(
                MongoClientSettings.builder()
                                   .applyConnectionString(new ConnectionString(TestMongo.connectionString()))
                                   .addCommandListener(inserts)
                                   .build());
        closeables.add(recordingClient);
        MongoEventStorageEngine writer = engineOn(recordingClient.getDatabase(database.getName())).build();
        MongoEventStorageEngine tracker = engineOn(database).build();

        DomainEventMessage<?> original = event("case-C", 0);
        writer.appendEvents(original);
        DomainEventMessage<?> forA = event("case-A", 0);
        DomainEventMessage<?> reusingIdentifier = sameIdentifierAs(original, "case-B");

        int writesBefore = inserts.writes.get();
        assertThatThrownBy(() -> writer.appendEvents(List.of(forA, reusingIdentifier)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(inserts.writes.get()).as("writes made by the refused append").isEqualTo(writesBefore);

        Set<String> stored = new HashSet<>();
        for (String aggregate : List.of("case-A", "case-B", "case-C")) {
            stored.addAll(identifiersOf(aggregateEvents(tracker, aggregate)));
        }
        assertThat(stored).containsExactly(original.getIdentifier());
        assertThat(readAvailable(tracker, null).identifiers()).containsExactly(original.getIdentifier());
    }

    /** Counts the write commands a client sends. */
    private static final class RecordingInserts implements com.mongodb.event.CommandListener {
        final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void commandStarted(com.mongodb.event.CommandStartedEvent event) {
            String name = event.getCommandName();
            if (name.equals("insert") || name.equals("update") || name.equals("delete")
                    || name.equals("findAndModify")) {
                writes.incrementAndGet();
            }
        }
    }

    @Test
    void trackerSeesAnAggregatesEventsInSequenceOrderWhenAWriterStallsAfterItsCommit() throws Exception {
        MongoDatabase database = TestMongo.freshDatabase();
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch mayContinue = new CountDownLatch(1);
        MongoEventStorageEngine stalling = engineOn(database).stepListener(step -> {
            if (step == AppendStep.STREAM_COMMITTED) {
                committed.countDown();
                awaitQuietly(mayContinue);
            }
        }).build();
        MongoEventStorageEngine other = engineOn(database).build();
        other.appendEvents(event("case-1", 0));

        Future<?> slowAppend = threads.submit(() -> stalling.appendEvents(event("case-1", 1)));
        try {
            assertThat(committed.await(30, TimeUnit.SECONDS)).isTrue();
            List<DomainEventMessage<?>> loaded = aggregateEvents(other, "case-1");
            assertThat(loaded).hasSize(2);
            other.appendEvents(event("case-1", loaded.get(loaded.size() - 1).getSequenceNumber() + 1));
        } finally {
            mayContinue.countDown();
        }
        slowAppend.get(30, TimeUnit.SECONDS);

        assertThat(aggregateEvents(other, "case-1")).extracting(DomainEventMessage::getSequenceNumber)
                                                    .containsExactly(0L, 1L, 2L);
        assertThat(readAvailable(other, null).sequenceNumbersOf("case-1"))
                .as("sequence numbers of case-1 in tracking order").containsExactly(0L, 1L, 2L);
    }

    private static DomainEventMessage<?> sameIdentifierAs(DomainEventMessage<?> original, String aggregateIdentifier) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateIdentifier, 0,
                                               new CaseNoted(aggregateIdentifier, 0), MetaData.emptyInstance(),
                                               original.getIdentifier(), Instant.now());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Delivery(String identifier, long index, String aggregateIdentifier, long sequenceNumber) {
    }

    /** Follows the global log, carrying its token forward, until stopped. */
    private static final class TrackingReader implements Runnable {

        private static final int APPENDS_PER_READ = 50;

        private final MongoEventStorageEngine engine;
        private final Semaphore appended;
        private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile TrackingToken token;
        private volatile boolean stopped;

        TrackingReader(MongoEventStorageEngine engine, Semaphore appended) {
            this.engine = engine;
            this.appended = appended;
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                        stream.forEach(message -> {
                            DomainEventMessage<?> domain = (DomainEventMessage<?>) message;
                            deliveries.add(new Delivery(message.getIdentifier(), indexOf(message),
                                                        domain.getAggregateIdentifier(),
                                                        domain.getSequenceNumber()));
                            token = message.trackingToken();
                        });
                    }
                    // read again after a batch of appends, or after a while for numbers held back
                    appended.tryAcquire(APPENDS_PER_READ, 100, TimeUnit.MILLISECONDS);
                    appended.drainPermits();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        int seen() {
            return deliveries.size();
        }

        List<Delivery> deliveries() {
            synchronized (deliveries) {
                return new ArrayList<>(deliveries);
            }
        }

        TrackingToken lastToken() {
            return token;
        }

        void stop() {
            stopped = true;
            appended.release();
        }
    }

    /** Holds the first {@code delete} command sent while armed until the test lets it go. */
}
