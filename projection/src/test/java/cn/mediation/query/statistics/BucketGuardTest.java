package cn.mediation.query.statistics;

import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.testing.TestMongo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bucket's guard holds the events whose batch may not be committed yet, and no more: entries that the writing
 * segment's committed token covers are dropped at the next write, and a batch delivered again after a crash is still
 * recognised, however it is cut.
 */
class BucketGuardTest {

    private static final int BATCH = 10;

    /** Positions are the events' indexes in the list; {@code committed}: the last position of the batch before. */
    private static void writeBatch(MongoStatisticsStore store, DisputeIndexes.Mongo index,
                                   List<EventMessage<?>> events, int from, int to, long committed, boolean crash) {
        writeBatch(store, index, events, from, to, i -> i,
                   committed < 0 ? null : GapAwareTrackingToken.newInstance(committed, Set.of()), crash);
    }

    /** A batch as a processor delivers it: each event with its token's position, after the committed token. */
    private static void writeBatch(MongoStatisticsStore store, DisputeIndexes.Mongo index,
                                   List<EventMessage<?>> events, int from, int to,
                                   java.util.function.IntToLongFunction position, TrackingToken committed,
                                   boolean crash) {
        BufferedStatisticsStore buffer = new BufferedStatisticsStore(store, index,
                                                                     new BucketGuard.Writer("0", committed));
        buffer.readAhead(events.subList(from, to).stream().map(e -> StatisticsModel.disputeOf(e.getPayload())).toList());
        StatisticsModel model = new StatisticsModel(buffer, buffer);
        for (int i = from; i < to; i++) {
            EventMessage<?> event = events.get(i);
            buffer.at(position.applyAsLong(i));
            model.apply(event.getPayload(), ((GenericDomainEventMessage<?>) event).getSequenceNumber(),
                        event.getIdentifier());
        }
        if (crash) {
            buffer.flushBuckets();
        } else {
            buffer.flush();
        }
    }

    /** The figures of the events processed once, in batches of {@code size}, without a crash. */
    private static Map<String, Object> cleanFigures(List<EventMessage<?>> events, int size) {
        MongoDatabase clean = TestMongo.freshDatabase();
        RedeliveryTest.processInBatches(clean, events, 0, size);
        return RedeliveryTest.figures(new MongoStatisticsStore(clean));
    }

    private static int largestGuard(MongoDatabase database) {
        int largest = 0;
        for (Document bucket : database.getCollection("stat_buckets").find()) {
            largest = Math.max(largest, BucketGuard.size(bucket));
        }
        return largest;
    }

    @Test
    void theGuardKeepsOnlyEventsItsSegmentHasNotCommitted() {
        List<EventMessage<?>> events = RedeliveryTest.year();
        MongoDatabase clean = TestMongo.freshDatabase();
        RedeliveryTest.processInBatches(clean, events, 0, BATCH);
        Map<String, Object> expected = RedeliveryTest.figures(new MongoStatisticsStore(clean));

        MongoDatabase database = TestMongo.freshDatabase();
        MongoStatisticsStore store = new MongoStatisticsStore(database);
        DisputeIndexes.Mongo index = new DisputeIndexes.Mongo(database);
        for (int from = 0; from < events.size(); from += BATCH) {
            writeBatch(store, index, events, from, Math.min(events.size(), from + BATCH), from - 1, false);
        }

        assertThat(RedeliveryTest.figures(store)).isEqualTo(expected);
        assertThat(largestGuard(database)).as("entries in the largest guard").isBetween(1, BATCH);
        assertThat(largestGuard(clean)).as("without positions nothing is dropped: the city bucket's guard")
                                       .isGreaterThan(BATCH);
    }

    @Test
    void batchesDeliveredAgainAfterTwoCrashesCountEveryEventOnce() {
        List<EventMessage<?>> events = RedeliveryTest.year();
        Map<String, Object> expected = cleanFigures(events, 25);

        MongoDatabase crashed = TestMongo.freshDatabase();
        MongoStatisticsStore store = new MongoStatisticsStore(crashed);
        DisputeIndexes.Mongo index = new DisputeIndexes.Mongo(crashed);
        writeBatch(store, index, events, 0, 25, -1, false);
        writeBatch(store, index, events, 25, 50, 24, false);
        // events 50..69: buckets written, then the process stopped before the facts and the token (still at 49);
        // after the restart, events 50..89 in one batch, and a stop at the same point again
        writeBatch(store, index, events, 50, 70, 49, true);
        writeBatch(store, index, events, 50, 90, 49, true);
        assertThat(RedeliveryTest.figures(store)).as("figures right after the stop differ").isNotEqualTo(expected);
        // delivered again from event 50 in batches of 7: each prunes what the one before committed, while the stopped
        // batches' later events stay remembered until a token covers them
        for (int from = 50; from < events.size(); from += 7) {
            writeBatch(store, index, events, from, Math.min(events.size(), from + 7), from - 1, false);
        }

        assertThat(RedeliveryTest.figures(new MongoStatisticsStore(crashed))).isEqualTo(expected);
        assertThat(expected.get("registered")).isEqualTo(60L);
    }

    /**
     * Events that fill gaps come with the token's highest position, the one the event before them came with: each
     * counts once, in the batch that was cut short by a crash and in the batches that deliver it again.
     */
    @Test
    void eventsFillingGapsCountOnceThoughTheyShareTheirPosition() {
        List<EventMessage<?>> events = RedeliveryTest.year();
        Map<String, Object> expected = cleanFigures(events, BATCH);

        // events 0..24 at positions 0..24; the event at 35 came first, then events filling the gaps 25..34, all with
        // the token's position 35; then event i at position i
        java.util.function.IntToLongFunction position = i -> i < 25 || i > 35 ? i : 35;
        MongoDatabase crashed = TestMongo.freshDatabase();
        MongoStatisticsStore store = new MongoStatisticsStore(crashed);
        DisputeIndexes.Mongo index = new DisputeIndexes.Mongo(crashed);
        TrackingToken committed = GapAwareTrackingToken.newInstance(24, Set.of());
        writeBatch(store, index, events, 0, 25, position, null, false);
        writeBatch(store, index, events, 25, 45, position, committed, true);
        writeBatch(store, index, events, 25, 36, position, committed, false);
        for (int from = 36; from < events.size(); from += BATCH) {
            writeBatch(store, index, events, from, Math.min(events.size(), from + BATCH), position,
                       GapAwareTrackingToken.newInstance(from - 1, Set.of()), false);
        }

        assertThat(RedeliveryTest.figures(new MongoStatisticsStore(crashed))).isEqualTo(expected);
    }

    @Test
    void aTokenWithAnOpenGapCoversOnlyPositionsBelowIt() {
        TrackingToken withGap = GapAwareTrackingToken.newInstance(10, Set.of(7L));
        assertThat(BucketGuard.covers(withGap, 6)).isTrue();
        assertThat(BucketGuard.covers(withGap, 7)).as("the gap: its event may still come").isFalse();
        assertThat(BucketGuard.covers(withGap, 10)).as("above the gap: may be the gap's event, come early").isFalse();
        assertThat(BucketGuard.covers(GapAwareTrackingToken.newInstance(10, Set.of()), 10)).isTrue();
        assertThat(BucketGuard.covers(GapAwareTrackingToken.newInstance(10, Set.of()), 11)).isFalse();
        TrackingToken replaying = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(100, Set.of()),
                                                                 GapAwareTrackingToken.newInstance(10, Set.of()));
        assertThat(BucketGuard.covers(replaying, 10)).as("a replay covers what it replayed").isTrue();
        assertThat(BucketGuard.covers(replaying, 50)).as("not what it has still to replay").isFalse();
    }

    @Test
    void entriesComeBackAsTheyWereStored() {
        java.util.TreeSet<BucketGuard.Entry> entries = new java.util.TreeSet<>();
        long[] positions = {0, 1, 1, 2, 127, 128, 16_511, 1L << 40, (1L << 40) + 1};
        for (int i = 0; i < positions.length; i++) {
            entries.add(new BucketGuard.Entry(positions[i], i % 2 == 0 ? -i * 0x9E3779B97F4A7C15L : i));
        }
        assertThat(BucketGuard.decode(BucketGuard.encode(entries))).containsExactlyElementsOf(entries);
        assertThat(BucketGuard.decode(BucketGuard.encode(new java.util.TreeSet<>()))).isEmpty();
    }

    /**
     * The projection under Axon's tracking processor on the project's event store: it finds the batch's segment and,
     * once a batch is committed, drops its events from the guards; a reset replays to the same figures.
     */
    @Test
    void underATrackingProcessorTheGuardsStaySmallAndAResetReplaysToTheSameFigures() {
        List<EventMessage<?>> events = RedeliveryTest.year();
        Map<String, Object> expected = cleanFigures(events, BATCH);

        MongoDatabase database = TestMongo.freshDatabase();
        JacksonSerializer serializer = JacksonSerializer.builder()
                                                        .objectMapper(new ObjectMapper().findAndRegisterModules())
                                                        .build();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(
                MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                       .snapshotSerializer(serializer).batchSize(100).build()).build();
        StatisticsProjection projection = new StatisticsProjection(database);
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureEventStore(c -> eventStore)
                .eventProcessing(processing -> processing
                        .registerTrackingEventProcessor(StatisticsProjection.GROUP, c -> c.eventStore(),
                                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                        .andBatchSize(BATCH))
                        .registerTokenStore(StatisticsProjection.GROUP, c -> new InMemoryTokenStore())
                        .registerEventHandler(c -> projection))
                .buildConfiguration();
        configuration.start();
        try {
            for (int from = 0; from < events.size(); from += 13) {
                eventStore.publish(events.subList(from, Math.min(events.size(), from + 13)));
            }
            await().atMost(Duration.ofSeconds(60))
                   .untilAsserted(() -> assertThat(RedeliveryTest.figures(projection.store())).isEqualTo(expected));
            assertThat(largestGuard(database)).as("entries in the largest guard").isBetween(1, BATCH);

            TrackingEventProcessor processor = configuration.eventProcessingConfiguration()
                    .eventProcessor(StatisticsProjection.GROUP, TrackingEventProcessor.class).orElseThrow();
            long end = processor.processingStatus().get(0).getCurrentPosition().orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            assertThat(RedeliveryTest.figures(projection.store())).as("figures right after the reset")
                                                                  .isNotEqualTo(expected);
            processor.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.processingStatus().containsKey(0)
                    && processor.processingStatus().get(0).getCurrentPosition().orElse(-1) >= end);
            assertThat(RedeliveryTest.figures(projection.store())).isEqualTo(expected);
            assertThat(largestGuard(database)).as("entries in the largest guard after the replay")
                                              .isBetween(1, BATCH);
        } finally {
            configuration.shutdown();
        }
    }
}
