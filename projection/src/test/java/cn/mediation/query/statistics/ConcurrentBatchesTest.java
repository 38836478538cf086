package cn.mediation.query.statistics;

import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches written at the same time by several writers (as segments of one processor would) into the same region
 * buckets: every bulk write that loses a compare-and-set is made again bucket by bucket, so the figures equal those of
 * one writer.
 */
class ConcurrentBatchesTest {

    private static final int WRITERS = 4;

    @Test
    void batchesWrittenConcurrentlyLoseNoIncrement() throws Exception {
        List<EventMessage<?>> events = RedeliveryTest.year();
        MongoDatabase sequential = TestMongo.freshDatabase();
        RedeliveryTest.processInBatches(sequential, events, 0, 10);
        Map<String, Object> expected = RedeliveryTest.figures(new MongoStatisticsStore(sequential));

        // each writer gets whole disputes, in their own order, as a segment would
        List<List<EventMessage<?>>> shares = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            shares.add(new ArrayList<>());
        }
        for (EventMessage<?> event : events) {
            String dispute = ((GenericDomainEventMessage<?>) event).getAggregateIdentifier();
            shares.get(Math.floorMod(dispute.hashCode(), WRITERS)).add(event);
        }
        MongoDatabase concurrent = TestMongo.freshDatabase();
        MongoStatisticsStore store = new MongoStatisticsStore(concurrent);
        DisputeIndexes.Mongo index = new DisputeIndexes.Mongo(concurrent);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (List<EventMessage<?>> share : shares) {
                writers.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    for (int from = 0; from < share.size(); from += 5) {
                        List<EventMessage<?>> batch = share.subList(from, Math.min(share.size(), from + 5));
                        BufferedStatisticsStore buffer = new BufferedStatisticsStore(store, index);
                        buffer.readAhead(batch.stream().map(e -> StatisticsModel.disputeOf(e.getPayload())).toList());
                        StatisticsModel model = new StatisticsModel(buffer, buffer);
                        for (EventMessage<?> event : batch) {
                            model.apply(event.getPayload(), ((GenericDomainEventMessage<?>) event).getSequenceNumber(),
                                        event.getIdentifier());
                        }
                        buffer.flush();
                    }
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.retriedBulkWrites()).as("bulk writes that lost a compare-and-set").isPositive();
        assertThat(RedeliveryTest.figures(new MongoStatisticsStore(concurrent))).isEqualTo(expected);
    }
}
