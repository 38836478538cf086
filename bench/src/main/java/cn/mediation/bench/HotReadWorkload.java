package cn.mediation.bench;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Arrays;
import java.util.Collections;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Latency of the operations that must stay flat as the store grows, each measured on a small and a large store
 * taking turns (so both see the same machine): loading one 10-event aggregate, one tracking batch from the middle of
 * the log, one append that conflicts with a stored event, and one append of an aggregate's next event.
 */
final class HotReadWorkload {

    /** One operation on one store. */
    @FunctionalInterface
    interface Operation {
        void run(StoredHistory store, Random random);
    }

    /** Latency samples (ns) of one operation on the two stores. */
    record Samples(long[] small, long[] large) {
        double medianMicros(boolean onLarge) {
            return Stats.median(Stats.toMicros(onLarge ? large : small));
        }

        double p99Micros(boolean onLarge) {
            return Stats.percentile(Stats.toMicros(onLarge ? large : small), 99);
        }
    }

    /** How many turns a row measures, and for how long at most. */
    private record Budget(int warmUp, int iterations, double seconds) {
    }

    /** The fewest measured turns of a row, however long they take. */
    private static final int MIN_SAMPLES = 5;

    private final Scale scale;
    private final Report report;
    private final Random random = new Random(20240601L);

    HotReadWorkload(Scale scale, Report report) {
        this.scale = scale;
        this.report = report;
    }

    void run(StoredHistory oursSmall, StoredHistory oursLarge, Function<StoredHistory, TrackingToken> oursMiddle,
             StoredHistory vendorSmall, StoredHistory vendorLarge,
             Function<StoredHistory, TrackingToken> vendorMiddle) {
        Budget hot = new Budget(scale.hotWarmUp(), scale.hotIterations(), Double.MAX_VALUE);
        Budget slow = new Budget(Math.max(10, scale.slowIterations() / 10), scale.slowIterations(),
                                 scale.slowRowBudgetSeconds());
        report.section(String.format("Flat hot reads: latency in µs on a store of %,d and of %,d events, taking "
                                             + "turns; %,d operations each after %,d discarded (rows marked * : "
                                             + "%,d after %,d, or fewer (n=) if they pass %.0f s)",
                                     oursSmall.events, oursLarge.events, hot.iterations(), hot.warmUp(),
                                     slow.iterations(), slow.warmUp(), slow.seconds()));
        report.put("flat_store_small_events", oursSmall.events);
        report.put("flat_store_large_events", oursLarge.events);
        String small = shortCount(oursSmall.events);
        String large = shortCount(oursLarge.events);
        report.columns("", "median " + small, "p99 " + small, "median " + large, "p99 " + large,
                       large + "/" + small + " med", large + "/" + small + " p99");

        figure("ours: load aggregate", "flat_aggregate_load",
               HotReadWorkload::loadAggregate, oursSmall, oursLarge, hot);
        figure("ours: tracking batch (middle)", "flat_tracking_batch",
               trackingBatch(oursMiddle), oursSmall, oursLarge, hot);
        figure("ours: conflicting append", "flat_conflicting_append",
               HotReadWorkload::conflictingAppend, oursSmall, oursLarge, hot);
        figure("ours: append next event *", "flat_append",
               HotReadWorkload::appendNext, oursSmall, oursLarge, slow);

        figure("vendor: load aggregate *", "vendor_flat_aggregate_load",
               HotReadWorkload::loadAggregate, vendorSmall, vendorLarge, slow);
        figure("vendor: tracking batch *", "vendor_flat_tracking_batch",
               trackingBatch(vendorMiddle), vendorSmall, vendorLarge, slow);
        figure("vendor: conflicting append *", "vendor_flat_conflicting_append",
               HotReadWorkload::conflictingAppend, vendorSmall, vendorLarge, slow);
        figure("vendor: append next event *", "vendor_flat_append",
               HotReadWorkload::appendNext, vendorSmall, vendorLarge, slow);
        report.note("load aggregate: readEvents(id) of a 10-event aggregate, fully consumed; tracking batch: "
                            + "readEvents(token in the middle, false) limited to one batch; conflicting append: an "
                            + "event at a sequence number the aggregate has (ConcurrencyException expected); append "
                            + "next event: the aggregate's next sequence number (runs last: it adds events)");
    }

    /** Measures one operation on both stores and reports it as one row. */
    private void figure(String label, String key, Operation operation, StoredHistory small, StoredHistory large,
                        Budget budget) {
        Progress.say("hot reads: %s", label.replace(" *", ""));
        Samples samples = measure(operation, small, large, budget);
        int count = samples.small().length;
        double medianSmall = samples.medianMicros(false);
        double p99Small = samples.p99Micros(false);
        double medianLarge = samples.medianMicros(true);
        double p99Large = samples.p99Micros(true);
        double ratioMedian = Stats.ratio(medianLarge, medianSmall);
        double ratioP99 = Stats.ratio(p99Large, p99Small);
        report.columns(count < budget.iterations() ? label + " n=" + count : label,
                       Report.format(medianSmall), Report.format(p99Small), Report.format(medianLarge),
                       Report.format(p99Large), Report.format(ratioMedian), Report.format(ratioP99));
        report.put(key + "_median_us_small", medianSmall);
        report.put(key + "_p99_us_small", p99Small);
        report.put(key + "_median_us_large", medianLarge);
        report.put(key + "_p99_us_large", p99Large);
        report.put(key + "_ratio_median_large_vs_small", ratioMedian);
        report.put(key + "_ratio_p99_large_vs_small", ratioP99);
        report.put(key + "_samples", count);
    }

    /**
     * Runs the operation on each store, taking turns, after the discarded warm-up turns; stops early (keeping at
     * least {@link #MIN_SAMPLES}) once the budget's time has passed.
     */
    private Samples measure(Operation operation, StoredHistory small, StoredHistory large, Budget budget) {
        long deadline = budget.seconds() == Double.MAX_VALUE ? Long.MAX_VALUE
                : System.nanoTime() + (long) (budget.seconds() * 1e9);
        for (int i = 0; i < budget.warmUp() && (i < MIN_SAMPLES || System.nanoTime() < deadline); i++) {
            operation.run(small, random);
            operation.run(large, random);
        }
        int iterations = budget.iterations();
        long[] onSmall = new long[iterations];
        long[] onLarge = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            if (i >= MIN_SAMPLES && System.nanoTime() > deadline) {
                return new Samples(Arrays.copyOf(onSmall, i), Arrays.copyOf(onLarge, i));
            }
            if (i % 2 == 0) {
                onSmall[i] = timed(operation, small);
                onLarge[i] = timed(operation, large);
            } else {
                onLarge[i] = timed(operation, large);
                onSmall[i] = timed(operation, small);
            }
        }
        return new Samples(onSmall, onLarge);
    }

    private long timed(Operation operation, StoredHistory store) {
        long start = System.nanoTime();
        operation.run(store, random);
        return System.nanoTime() - start;
    }

    /** Reads one aggregate's whole stream (all its events, deserialized payloads not needed). */
    private static void loadAggregate(StoredHistory store, Random random) {
        String id = store.aggregateIds.get(random.nextInt(store.aggregateIds.size()));
        DomainEventStream stream = store.engine.readEvents(id);
        int count = 0;
        while (stream.hasNext()) {
            stream.next();
            count++;
        }
        int expected = store.events / store.aggregateIds.size();
        if (count != expected) {
            throw new IllegalStateException(store.label + ": aggregate " + id + " loaded " + count + " events, "
                                                    + expected + " were stored");
        }
    }

    /** One batch of a tracking stream that starts in the middle of the log. */
    private static Operation trackingBatch(Function<StoredHistory, TrackingToken> middleToken) {
        return (store, random) -> {
            TrackingToken token = middleToken.apply(store);
            int[] count = {0};
            try (Stream<? extends TrackedEventMessage<?>> stream = store.engine.readEvents(token, false)) {
                stream.limit(Engines.BATCH_SIZE).forEach(event -> count[0]++);
            }
            if (count[0] != Engines.BATCH_SIZE) {
                throw new IllegalStateException(store.label + ": a tracking batch from the middle returned "
                                                        + count[0] + " events");
            }
        };
    }

    /** Appends at a sequence number the aggregate already has; the engine must refuse it. */
    private static void conflictingAppend(StoredHistory store, Random random) {
        String id = store.aggregateIds.get(random.nextInt(store.aggregateIds.size()));
        int perAggregate = store.events / store.aggregateIds.size();
        long sequence = 1 + random.nextInt(perAggregate - 1);
        try {
            store.engine.appendEvents(Collections.singletonList(SampleEvents.event(id, sequence)));
        } catch (ConcurrencyException expected) {
            return;
        }
        throw new IllegalStateException(store.label + ": an append at the taken sequence number " + sequence
                                                + " of aggregate " + id + " was accepted");
    }

    /** Appends the next event of an existing aggregate (a real write: the stores grow by one event). */
    private static void appendNext(StoredHistory store, Random random) {
        String id = store.aggregateIds.get(random.nextInt(store.aggregateIds.size()));
        long sequence = store.nextSequence.merge(id, 1L, Long::sum) - 1;
        store.engine.appendEvents(Collections.singletonList(SampleEvents.event(id, sequence)));
    }

    private static String shortCount(int events) {
        return events % 1000 == 0 ? events / 1000 + "k" : String.valueOf(events);
    }
}
