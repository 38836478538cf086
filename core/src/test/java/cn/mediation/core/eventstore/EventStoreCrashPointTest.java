package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.StoreTestSupport.MutableClock;
import cn.mediation.core.eventstore.StoreTestSupport.SimulatedCrash;
import cn.mediation.core.eventstore.StoreTestSupport.Tracked;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.event;
import static cn.mediation.core.eventstore.StoreTestSupport.events;
import static cn.mediation.core.eventstore.StoreTestSupport.identifiersOf;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An append stopped between any two of its writes (see {@link AppendStep}), then a new engine on the same database,
 * as after a crash and a restart.
 */
class EventStoreCrashPointTest {

    private static final Duration HOLD_BACK = Duration.ofMillis(200);
    private static final List<String> AGGREGATES = List.of("case-1", "case-2");

    private final MutableClock clock = new MutableClock();
    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
    }

    @ParameterizedTest(name = "stopped after {0}")
    @EnumSource(AppendStep.class)
    void appendStoppedBetweenTwoWritesLeavesAStoreThatRecoversEveryEventOnce(AppendStep step) {
        MongoEventStorageEngine before = engine().build();
        before.appendEvents(events("case-1", 0, 2));
        before.appendEvents(events("case-2", 0, 1));
        List<DomainEventMessage<?>> interrupted = events("case-1", 2, 2);
        assertThatThrownBy(() -> crashingAt(step).appendEvents(interrupted)).isInstanceOf(SimulatedCrash.class);

        MongoEventStorageEngine restarted = engine().build();
        clock.advance(HOLD_BACK.plusMillis(1));
        assertTrackingShowsOnlyWhatTheAggregatesHave(restarted);
        boolean committed = step != AppendStep.NUMBERS_ALLOCATED;
        if (committed) {
            assertThat(aggregateEvents(restarted, "case-1")).as("case-1 after the crash")
                                                            .extracting(DomainEventMessage::getIdentifier)
                                                            .containsAll(identifiersOf(interrupted));
        } else {
            assertThat(aggregateEvents(restarted, "case-1")).as("case-1 after a crash before its commit")
                                                            .extracting(DomainEventMessage::getIdentifier)
                                                            .doesNotContainAnyElementsOf(identifiersOf(interrupted));
        }

        List<DomainEventMessage<?>> loaded = aggregateEvents(restarted, "case-1");
        DomainEventMessage<?> next = event("case-1", loaded.get(loaded.size() - 1).getSequenceNumber() + 1);
        restarted.appendEvents(next);
        assertThat(aggregateEvents(restarted, "case-1")).extracting(DomainEventMessage::getSequenceNumber)
                                                        .containsExactly(committed ? new Long[]{0L, 1L, 2L, 3L, 4L}
                                                                                   : new Long[]{0L, 1L, 2L});
        clock.advance(HOLD_BACK.plusMillis(1));
        assertTrackingShowsOnlyWhatTheAggregatesHave(restarted);

        restarted.recoverPendingCopies(Duration.ZERO);
        clock.advance(HOLD_BACK.plusMillis(1));
        assertEveryStoredEventIsTrackedOnce(restarted);

        restarted.recoverPendingCopies(Duration.ZERO);
        clock.advance(HOLD_BACK.plusMillis(1));
        assertEveryStoredEventIsTrackedOnce(restarted);
        assertThat(pendingMarkers()).as("streams still waiting for a copy").isZero();
    }

    @Test
    void recoveryStoppedAfterItsCopyAndRunAgainLeavesEachEventOnce() {
        engine().build().appendEvents(events("case-1", 0, 1));
        assertThatThrownBy(() -> crashingAt(AppendStep.STREAM_COMMITTED).appendEvents(events("case-1", 1, 2)))
                .isInstanceOf(SimulatedCrash.class);
        engine().build().appendEvents(events("case-2", 0, 1));

        AtomicBoolean failNextBarrier = new AtomicBoolean(true);
        MongoEventStorageEngine recovering = engine().durabilityBarrier(() -> {
            if (failNextBarrier.getAndSet(false)) {
                throw new SimulatedCrash("stopped before the recovered copy was made durable");
            }
        }).build();
        assertThatThrownBy(() -> recovering.recoverPendingCopies(Duration.ZERO)).isInstanceOf(SimulatedCrash.class);
        assertThat(pendingMarkers()).as("marker left by the stopped recovery").isEqualTo(1);

        MongoEventStorageEngine restarted = engine().build();
        assertThat(restarted.recoverPendingCopies(Duration.ZERO)).as("streams repaired").isEqualTo(1);
        clock.advance(HOLD_BACK.plusMillis(1));
        assertEveryStoredEventIsTrackedOnce(restarted);
        assertThat(pendingMarkers()).isZero();
    }

    @Test
    void loadingAnAggregateRepairsAPendingCopyOnceItIsOlderThanTheRecoveryDelay() {
        Duration recoveryDelay = Duration.ofSeconds(10);
        engine().build().appendEvents(events("case-1", 0, 1));
        List<DomainEventMessage<?>> interrupted = events("case-1", 1, 2);
        assertThatThrownBy(() -> crashingAt(AppendStep.STREAM_COMMITTED).appendEvents(interrupted))
                .isInstanceOf(SimulatedCrash.class);
        MongoEventStorageEngine restarted = engine().recoveryDelay(recoveryDelay).build();

        clock.advance(recoveryDelay.minusSeconds(1));
        assertThat(aggregateEvents(restarted, "case-1")).hasSize(3);
        assertThat(readAvailable(restarted, null).identifiers()).as("tracked within the recovery delay")
                                                              .doesNotContainAnyElementsOf(identifiersOf(interrupted));

        clock.advance(Duration.ofSeconds(2));
        assertThat(aggregateEvents(restarted, "case-1")).hasSize(3);
        clock.advance(HOLD_BACK.plusMillis(1));
        assertThat(readAvailable(restarted, null).identifiers()).as("tracked after loading the aggregate")
                                                              .containsAll(identifiersOf(interrupted))
                                                              .doesNotHaveDuplicates();
        assertThat(pendingMarkers()).isZero();
    }

    @ParameterizedTest(name = "stopped after {0}")
    @EnumSource(AppendStep.class)
    void aggregateEventsKeepTheirSequenceOrderInTheTrackingStreamAfterRecovery(AppendStep step) {
        engine().build().appendEvents(events("case-1", 0, 2));
        assertThatThrownBy(() -> crashingAt(step).appendEvents(events("case-1", 2, 2)))
                .isInstanceOf(SimulatedCrash.class);
        MongoEventStorageEngine restarted = engine().build();
        List<DomainEventMessage<?>> loaded = aggregateEvents(restarted, "case-1");
        restarted.appendEvents(event("case-1", loaded.get(loaded.size() - 1).getSequenceNumber() + 1));

        restarted.recoverPendingCopies(Duration.ZERO);
        clock.advance(HOLD_BACK.plusMillis(1));
        // a crash before the commit leaves nothing of that append: the next event takes its place
        Long[] expected = step == AppendStep.NUMBERS_ALLOCATED ? new Long[]{0L, 1L, 2L} : new Long[]{0L, 1L, 2L, 3L, 4L};
        assertThat(readAvailable(restarted, null).sequenceNumbersOf("case-1"))
                .as("sequence numbers of case-1 in tracking order").containsExactly(expected);
    }

    private MongoEventStorageEngineBuilder engine() {
        return engineOn(database).clock(clock).holdBack(HOLD_BACK);
    }

    private MongoEventStorageEngine crashingAt(AppendStep crashPoint) {
        return engine().stepListener(step -> {
            if (step == crashPoint) {
                throw new SimulatedCrash(step);
            }
        }).build();
    }

    private long pendingMarkers() {
        return database.getCollection("streams").countDocuments(new Document("pending", new Document("$exists", true)));
    }

    private Map<String, Set<String>> storedByAggregate(MongoEventStorageEngine engine) {
        Map<String, Set<String>> stored = new HashMap<>();
        for (String aggregate : AGGREGATES) {
            stored.put(aggregate, new HashSet<>(identifiersOf(aggregateEvents(engine, aggregate))));
        }
        return stored;
    }

    private void assertTrackingShowsOnlyWhatTheAggregatesHave(MongoEventStorageEngine engine) {
        Tracked tracked = readAvailable(engine, null);
        Map<String, Set<String>> stored = storedByAggregate(engine);
        for (TrackedEventMessage<?> message : tracked.events()) {
            String aggregate = ((DomainEventMessage<?>) message).getAggregateIdentifier();
            assertThat(stored.getOrDefault(aggregate, Set.of()))
                    .as("events of %s that a tracker can see", aggregate).contains(message.getIdentifier());
        }
        assertThat(tracked.identifiers()).doesNotHaveDuplicates();
    }

    private void assertEveryStoredEventIsTrackedOnce(MongoEventStorageEngine engine) {
        Tracked tracked = readAvailable(engine, null);
        Set<String> stored = new HashSet<>();
        storedByAggregate(engine).values().forEach(stored::addAll);
        assertThat(tracked.identifiers()).as("tracking stream").doesNotHaveDuplicates()
                                         .containsExactlyInAnyOrderElementsOf(stored);
        assertThat(engine.eventsCollection().countDocuments()).as("documents in the global log")
                                                              .isEqualTo(stored.size());
    }
}
