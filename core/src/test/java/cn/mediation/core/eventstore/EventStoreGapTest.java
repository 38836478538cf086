package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.StoreTestSupport.MutableClock;
import cn.mediation.core.eventstore.StoreTestSupport.Tracked;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static cn.mediation.core.eventstore.StoreTestSupport.allocateWithoutWriting;
import static cn.mediation.core.eventstore.StoreTestSupport.databaseForConcurrentClients;
import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.event;
import static cn.mediation.core.eventstore.StoreTestSupport.insertIntoLog;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Global sequence numbers that are allocated but have no event (yet): hold-back, late events and the gap timeout.
 * The engines here run on a clock the test moves, so "the hold-back has passed" is exact.
 */
class EventStoreGapTest {

    private static final Duration HOLD_BACK = Duration.ofMillis(200);
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        engine = engineOn(database).clock(clock).holdBack(HOLD_BACK).gapTimeout(GAP_TIMEOUT).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        threads.shutdownNow();
        Collections.reverse(closeables);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void numberAllocatedButNeverWrittenHoldsTrackingBackOnlyUntilTheHoldBackHasPassed() {
        DomainEventMessage<?> first = event("case-1", 0);
        engine.appendEvents(first);                                   // #1
        allocateWithoutWriting(database, 1, clock.instant());         // #2, a writer that died
        DomainEventMessage<?> third = event("case-2", 0);
        engine.appendEvents(third);                                   // #3

        Tracked beforeHoldBack = readAvailable(engine, null);
        assertThat(beforeHoldBack.identifiers()).as("delivered while #2 may still be written")
                                                .containsExactly(first.getIdentifier());

        clock.advance(HOLD_BACK.plusMillis(1));
        Tracked afterHoldBack = readAvailable(engine, beforeHoldBack.lastToken());
        assertThat(afterHoldBack.identifiers()).containsExactly(third.getIdentifier());
        assertThat(afterHoldBack.gapAwareToken().getIndex()).isEqualTo(3);
        assertThat(afterHoldBack.gapAwareToken().getGaps()).containsExactly(2L);
    }

    @Test
    void aGapFarLongerThanTheWindowIsCrossedInOneStep() {
        DomainEventMessage<?> first = event("case-1", 0);
        engine.appendEvents(first);                                   // #1
        allocateWithoutWriting(database, Integer.MAX_VALUE, clock.instant());
        DomainEventMessage<?> far = event("case-2", 0);
        engine.appendEvents(far);                                     // #2,147,483,649
        clock.advance(HOLD_BACK.plusMillis(1));

        Tracked tracked = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> readAvailable(engine, null));
        assertThat(tracked.identifiers()).containsExactly(first.getIdentifier(), far.getIdentifier());
        assertThat(tracked.gapAwareToken().getIndex()).isEqualTo(Integer.MAX_VALUE + 2L);
        // and a tracker that is up to date is not walking the gap again either
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> readAvailable(engine, tracked.lastToken()));
    }

    @Test
    void numberLeftByAnAppendStoppedAfterAllocatingDoesNotStallTracking() {
        MongoEventStorageEngine crashing = engineOn(database).clock(clock).holdBack(HOLD_BACK).stepListener(step -> {
            if (step == AppendStep.NUMBERS_ALLOCATED) {
                throw new StoreTestSupport.SimulatedCrash(step);
            }
        }).build();
        DomainEventMessage<?> first = event("case-1", 0);
        engine.appendEvents(first);
        assertThatThrownBy(() -> crashing.appendEvents(event("case-2", 0)))
                .isInstanceOf(StoreTestSupport.SimulatedCrash.class);             // #2 taken, never written
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DomainEventMessage<?> later = event("case-3", i);
            engine.appendEvents(later);
            after.add(later.getIdentifier());
        }

        clock.advance(HOLD_BACK.plusMillis(1));
        Tracked tracked = readAvailable(engine, null);
        List<String> expected = new ArrayList<>();
        expected.add(first.getIdentifier());
        expected.addAll(after);
        assertThat(tracked.identifiers()).containsExactlyElementsOf(expected);
        assertThat(tracked.indexes()).containsExactly(1L, 3L, 4L, 5L);
        assertThat(tracked.gapAwareToken().getGaps()).containsExactly(2L);
    }

    @Test
    void eventThatBecomesVisibleAfterTheTrackerPassedItsNumberIsDeliveredOnce() {
        DomainEventMessage<?> first = event("case-1", 0);
        engine.appendEvents(first);
        allocateWithoutWriting(database, 1, clock.instant());
        DomainEventMessage<?> third = event("case-2", 0);
        engine.appendEvents(third);
        clock.advance(HOLD_BACK.plusMillis(1));
        Tracked passed = readAvailable(engine, null);
        assertThat(passed.gapAwareToken().getGaps()).containsExactly(2L);

        clock.advance(Duration.ofSeconds(2));
        DomainEventMessage<?> late = event("case-late", 0);
        insertIntoLog(database, 2, late, clock.instant());

        Tracked filled = readAvailable(engine, passed.lastToken());
        assertThat(filled.identifiers()).containsExactly(late.getIdentifier());
        assertThat(filled.gapAwareToken().getIndex()).isEqualTo(3);
        assertThat(filled.gapAwareToken().getGaps()).isEmpty();

        DomainEventMessage<?> fourth = event("case-2", 1);
        engine.appendEvents(fourth);
        clock.advance(HOLD_BACK.plusMillis(1));
        Tracked next = readAvailable(engine, filled.lastToken());
        assertThat(next.identifiers()).containsExactly(fourth.getIdentifier());

        List<String> everything = new ArrayList<>(passed.identifiers());
        everything.addAll(filled.identifiers());
        everything.addAll(next.identifiers());
        assertThat(everything).containsExactlyInAnyOrder(first.getIdentifier(), third.getIdentifier(),
                                                         late.getIdentifier(), fourth.getIdentifier());
    }

    @Test
    void slowWriterWhoseNumberWasPassedIsDeliveredOnceItFinishes() throws Exception {
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch mayCopy = new CountDownLatch(1);
        MongoEventStorageEngine slow = engineOn(database).clock(clock).holdBack(HOLD_BACK).stepListener(step -> {
            if (step == AppendStep.NUMBERS_ALLOCATED) {
                allocated.countDown();
                awaitQuietly(mayCopy);
            }
        }).build();
        DomainEventMessage<?> first = event("case-1", 0);
        engine.appendEvents(first);
        DomainEventMessage<?> slowEvent = event("case-slow", 0);
        Future<?> slowAppend = threads.submit(() -> slow.appendEvents(slowEvent));
        Tracked passed;
        DomainEventMessage<?> third = event("case-2", 0);
        try {
            assertThat(allocated.await(30, TimeUnit.SECONDS)).isTrue();
            engine.appendEvents(third);
            clock.advance(HOLD_BACK.plusMillis(1));
            passed = readAvailable(engine, null);
        } finally {
            mayCopy.countDown();
        }
        slowAppend.get(30, TimeUnit.SECONDS);
        assertThat(passed.identifiers()).containsExactly(first.getIdentifier(), third.getIdentifier());
        assertThat(passed.gapAwareToken().getGaps()).containsExactly(2L);

        Tracked filled = readAvailable(engine, passed.lastToken());
        assertThat(filled.identifiers()).containsExactly(slowEvent.getIdentifier());
        assertThat(readAvailable(engine, filled.lastToken()).events()).isEmpty();
    }

    @Test
    void gapOlderThanTheGapTimeoutIsDroppedFromTheToken() {
        engine.appendEvents(event("case-1", 0));
        allocateWithoutWriting(database, 1, clock.instant());
        engine.appendEvents(event("case-2", 0));
        clock.advance(HOLD_BACK.plusMillis(1));
        Tracked passed = readAvailable(engine, null);
        assertThat(passed.gapAwareToken().getGaps()).containsExactly(2L);

        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        DomainEventMessage<?> fourth = event("case-2", 1);
        engine.appendEvents(fourth);
        Tracked afterTimeout = readAvailable(engine, passed.lastToken());
        assertThat(afterTimeout.identifiers()).containsExactly(fourth.getIdentifier());
        assertThat(afterTimeout.gapAwareToken().getIndex()).isEqualTo(4);
        assertThat(afterTimeout.gapAwareToken().getGaps()).as("gaps of the token").isEmpty();

        insertIntoLog(database, 2, event("case-too-late", 0), clock.instant());
        assertThat(readAvailable(engine, afterTimeout.lastToken()).events())
                .as("an event written into a dropped gap").isEmpty();
    }

    @Test
    void gapWithinTheGapTimeoutStaysInTheToken() {
        engine.appendEvents(event("case-1", 0));
        allocateWithoutWriting(database, 1, clock.instant());
        engine.appendEvents(event("case-2", 0));
        clock.advance(HOLD_BACK.plusMillis(1));
        Tracked passed = readAvailable(engine, null);

        clock.advance(GAP_TIMEOUT.minusSeconds(1));
        engine.appendEvents(event("case-2", 1));
        Tracked later = readAvailable(engine, passed.lastToken());
        assertThat(later.gapAwareToken().getGaps()).containsExactly(2L);
    }

    @Test
    void writerThatFinishesWithinTheHoldBackIsDeliveredInGlobalOrder() throws Exception {
        // writer A allocates first and then stalls for less than the hold-back before its events land; writer B
        // allocates after it and finishes at once
        CountDownLatch aAllocated = new CountDownLatch(1);
        CountDownLatch aMayContinue = new CountDownLatch(1);
        MongoEventStorageEngine writerA = engineOn(database).clock(clock).holdBack(HOLD_BACK).stepListener(step -> {
            if (step == AppendStep.NUMBERS_ALLOCATED) {
                aAllocated.countDown();
                awaitQuietly(aMayContinue);
            }
        }).build();
        MongoEventStorageEngine writerB = engineOn(database).clock(clock).holdBack(HOLD_BACK).build();
        DomainEventMessage<?> eventA = event("case-A", 0);
        DomainEventMessage<?> eventB = event("case-B", 0);

        Future<?> appendA = threads.submit(() -> writerA.appendEvents(eventA));
        Tracked early;
        try {
            assertThat(aAllocated.await(30, TimeUnit.SECONDS)).isTrue();   // A holds #1
            clock.advance(Duration.ofMillis(50));
            writerB.appendEvents(eventB);                                   // B wrote #2
            clock.advance(Duration.ofMillis(100));                          // A allocated 150 ms ago
            early = readAvailable(engine, null);
        } finally {
            aMayContinue.countDown();
        }
        appendA.get(30, TimeUnit.SECONDS);
        Tracked rest = readAvailable(engine, early.lastToken());
        List<String> delivered = new ArrayList<>(early.identifiers());
        delivered.addAll(rest.identifiers());
        List<Long> indexes = new ArrayList<>(early.indexes());
        indexes.addAll(rest.indexes());

        assertThat(early.identifiers()).as("nothing delivered while #1 is within the hold-back").isEmpty();
        assertThat(delivered).as("tracking order of A (#1) and B (#2)")
                             .map(id -> id.equals(eventA.getIdentifier()) ? "A" : "B")
                             .containsExactly("A", "B");
        assertThat(indexes).as("token indexes").containsExactly(1L, 2L);
    }

    @Test
    void pooledStreamingProcessorReceivesEventsAfterAnUnwrittenNumber() {
        MongoDatabase shared = databaseForConcurrentClients(closeables);
        MongoEventStorageEngine realTime = engineOn(shared).holdBack(HOLD_BACK).gapTimeout(GAP_TIMEOUT).build();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(realTime).build();
        closeables.add(eventStore::shutDown);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        EventMessageHandler handler = (EventMessage<?> message) -> {
            handled.add(message.getIdentifier());
            return null;
        };
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        closeables.add(coordinator::shutdownNow);
        closeables.add(workers::shutdownNow);
        PooledStreamingEventProcessor processor =
                PooledStreamingEventProcessor.builder()
                                             .name("gap-test")
                                             .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                                                                                           .eventHandlers(handler)
                                                                                           .build())
                                             .messageSource(eventStore)
                                             .tokenStore(new InMemoryTokenStore())
                                             .transactionManager(NoTransactionManager.INSTANCE)
                                             .coordinatorExecutor(coordinator)
                                             .workerExecutor(workers)
                                             .initialSegmentCount(1)
                                             .build();
        processor.start();
        closeables.add(processor::shutDown);

        List<String> published = new ArrayList<>();
        DomainEventMessage<?> before = event("case-1", 0);
        eventStore.publish(before);
        published.add(before.getIdentifier());
        allocateWithoutWriting(shared, 1, Instant.now());
        for (int i = 0; i < 5; i++) {
            DomainEventMessage<?> after = event("case-2", i);
            eventStore.publish(after);
            published.add(after.getIdentifier());
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(handled).containsExactlyElementsOf(published));
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
}
