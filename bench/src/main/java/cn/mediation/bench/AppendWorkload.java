package cn.mediation.bench;

import cn.mediation.core.eventstore.AppendStep;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * N single-event appends per round through each variant: our engine with and without the H2 commit barrier, the
 * vendor's engine, and the raw driver's insertOne with and without a commit. The variants take turns inside each
 * round (in a rotating order), so that the machine's noise falls on all of them alike.
 */
final class AppendWorkload {

    /** One way of appending; {@link #prepare} builds the round's events up front so only the appends are timed. */
    interface Variant {
        String label();

        void prepare(int count);

        void append(int index);

        default void roundDone() {
        }
    }

    private static final Map<AppendStep, String> STEP_LABELS = new EnumMap<>(Map.of(
            AppendStep.STREAM_COMMITTED, "serialize + stream update (commit point)",
            AppendStep.NUMBERS_ALLOCATED, "global sequence $inc",
            AppendStep.COPIED, "insertMany into the global log",
            AppendStep.DURABLE, "durability barrier (H2 commit)",
            AppendStep.MARKER_CLEARED, "$pull of the pending marker"));

    private final Scale scale;
    private final EmbeddedMongo mongo;
    private final Report report;
    private final StepTimes stepTimes = new StepTimes();

    AppendWorkload(Scale scale, EmbeddedMongo mongo, Report report) {
        this.scale = scale;
        this.mongo = mongo;
        this.report = report;
    }

    void run() {
        Variant ours = new EngineVariant("ours, H2 commit barrier (as the app runs)",
                                         Engines.ours(mongo, "append_ours", true, stepTimes::step), stepTimes);
        Variant oursNoBarrier = new EngineVariant("ours, no barrier",
                                                  Engines.ours(mongo, "append_ours_nobarrier", false), null);
        Variant vendor = new EngineVariant("vendor axon-mongo", Engines.vendor(mongo, "append_vendor"), null);
        Variant raw = new RawVariant("raw driver insertOne", logCollection("append_raw"), null);
        Variant rawCommit = new RawVariant("raw insertOne + H2 commit", logCollection("append_raw_commit"),
                                           mongo::commit);
        List<Variant> variants = List.of(ours, oursNoBarrier, vendor, raw, rawCommit);

        int n = scale.appendsPerRound();
        for (Variant variant : variants) {
            time(variant, n / 2);
        }
        stepTimes.reset();
        Map<Variant, double[]> rates = new java.util.LinkedHashMap<>();
        variants.forEach(v -> rates.put(v, new double[scale.appendRounds()]));
        for (int round = 0; round < scale.appendRounds(); round++) {
            List<Variant> order = new ArrayList<>(variants);
            Collections.rotate(order, -round);
            for (Variant variant : order) {
                rates.get(variant)[round] = time(variant, n);
            }
        }

        report.section(String.format("Appends: %,d single-event appendEvents calls per round, %d events per "
                                             + "aggregate; median of %d rounds after a warm-up",
                                     n, scale.eventsPerAggregate(), scale.appendRounds()));
        double oursRate = row(ours, rates, "appends_per_s");
        row(oursNoBarrier, rates, "appends_per_s_no_barrier");
        double vendorRate = row(vendor, rates, "vendor_appends_per_s");
        double rawRate = row(raw, rates, "raw_insert_one_per_s");
        double rawCommitRate = row(rawCommit, rates, "raw_insert_one_commit_per_s");
        report.row("ratio ours / raw insertOne", Stats.ratio(oursRate, rawRate), "",
                   "ratio_appends_vs_raw_insert_one");
        report.row("ratio ours / raw insertOne + commit", Stats.ratio(oursRate, rawCommitRate), "",
                   "ratio_appends_vs_raw_insert_one_commit");
        report.row("ratio ours / vendor", Stats.ratio(oursRate, vendorRate), "", "ratio_appends_vs_vendor");
        report.row("ratio ours no barrier / vendor",
                   Stats.ratio(Stats.median(rates.get(oursNoBarrier)), vendorRate), "",
                   "ratio_appends_no_barrier_vs_vendor");

        report.note("where one append of ours (with barrier) spends its time, median per step over the measured "
                            + "rounds:");
        for (AppendStep step : AppendStep.values()) {
            report.row("  " + STEP_LABELS.get(step), stepTimes.medianMicros(step), "µs",
                       "append_step_us_" + step.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private double row(Variant variant, Map<Variant, double[]> rates, String key) {
        double[] perRound = rates.get(variant);
        double median = Stats.median(perRound);
        StringBuilder rounds = new StringBuilder("appends/s  (rounds:");
        for (double rate : perRound) {
            rounds.append(' ').append(Report.format(rate));
        }
        report.row(variant.label(), median, rounds.append(')').toString(), key);
        return median;
    }

    private static double time(Variant variant, int count) {
        variant.prepare(count);
        System.gc();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            variant.append(i);
        }
        long elapsed = System.nanoTime() - start;
        variant.roundDone();
        return count / (elapsed / 1e9);
    }

    /** A collection shaped like our engine's global log, with the same two unique indexes. */
    private MongoCollection<Document> logCollection(String databaseName) {
        MongoCollection<Document> collection = mongo.database(databaseName).getCollection("events");
        collection.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                               new IndexOptions().unique(true).name("aggregate_sequence"));
        collection.createIndex(Indexes.ascending("eventIdentifier"),
                               new IndexOptions().unique(true).name("event_identifier"));
        return collection;
    }

    private List<DomainEventMessage<?>> newEvents(int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        String aggregateId = null;
        for (int i = 0; i < count; i++) {
            int seq = i % scale.eventsPerAggregate();
            if (seq == 0) {
                aggregateId = SampleEvents.newAggregateId();
            }
            events.add(SampleEvents.event(aggregateId, seq));
        }
        return events;
    }

    private final class EngineVariant implements Variant {
        private final String label;
        private final EventStorageEngine engine;
        private final StepTimes steps;
        private List<DomainEventMessage<?>> events;

        EngineVariant(String label, EventStorageEngine engine, StepTimes steps) {
            this.label = label;
            this.engine = engine;
            this.steps = steps;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void prepare(int count) {
            events = newEvents(count);
            if (steps != null) {
                steps.ensureCapacity(count);
            }
        }

        @Override
        public void append(int index) {
            if (steps != null) {
                steps.start();
            }
            engine.appendEvents(Collections.singletonList(events.get(index)));
            if (steps != null) {
                steps.end();
            }
        }
    }

    private final class RawVariant implements Variant {
        private final String label;
        private final MongoCollection<Document> collection;
        private final Runnable commit;
        private List<Document> documents;
        private long nextId = 1;

        RawVariant(String label, MongoCollection<Document> collection, Runnable commit) {
            this.label = label;
            this.collection = collection;
            this.commit = commit;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void prepare(int count) {
            List<DomainEventMessage<?>> events = newEvents(count);
            documents = new ArrayList<>(count);
            for (DomainEventMessage<?> event : events) {
                documents.add(SampleEvents.logDocument(nextId++, event, Engines.SERIALIZER));
            }
        }

        @Override
        public void append(int index) {
            collection.insertOne(documents.get(index));
            if (commit != null) {
                commit.run();
            }
        }
    }

    /** Times the steps of our appends through the engine's step listener. */
    static final class StepTimes {
        private final Map<AppendStep, List<Long>> durations = new EnumMap<>(AppendStep.class);
        private final long[] at = new long[AppendStep.values().length];
        private long started;

        StepTimes() {
            reset();
        }

        void reset() {
            for (AppendStep step : AppendStep.values()) {
                durations.put(step, new ArrayList<>());
            }
        }

        void ensureCapacity(int count) {
            durations.values().forEach(list -> ((ArrayList<Long>) list).ensureCapacity(list.size() + count));
        }

        void start() {
            java.util.Arrays.fill(at, 0);
            started = System.nanoTime();
        }

        void step(AppendStep step) {
            at[step.ordinal()] = System.nanoTime();
        }

        void end() {
            long previous = started;
            for (AppendStep step : AppendStep.values()) {
                long time = at[step.ordinal()];
                if (time == 0) {
                    return;
                }
                durations.get(step).add(time - previous);
                previous = time;
            }
        }

        double medianMicros(AppendStep step) {
            List<Long> list = durations.get(step);
            long[] nanos = new long[list.size()];
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] = list.get(i);
            }
            return Stats.median(nanos);
        }
    }
}
