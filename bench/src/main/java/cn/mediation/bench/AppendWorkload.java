package cn.mediation.bench;

import cn.mediation.core.eventstore.AppendStep;
import cn.mediation.core.eventstore.layout.EventCollections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * N single-event appends per round through each variant: our engine with and without the durability barrier, the
 * vendor's engine, the raw driver's insertOne with and without the barrier, and (the engine bake-off) our engine and
 * insertOne with the barrier on each other engine the store could run on, each in its own embedded server. Every round of every variant starts on
 * a fresh, empty database, so that all rounds measure the same thing (a store growing from 0 to N events). The
 * variants take turns inside each round, in a rotating order, so the machine's noise falls on all of them alike.
 */
final class AppendWorkload {

    private static final Map<AppendStep, String> STEP_LABELS = new EnumMap<>(Map.of(
            AppendStep.STREAM_COMMITTED, "stream update (commit point)",
            AppendStep.NUMBERS_ALLOCATED, "global sequence $inc",
            AppendStep.COPIED, "insertMany into the global log",
            AppendStep.DURABLE, "durability barrier (store fsync)",
            AppendStep.MARKER_CLEARED, "stream marked copied (pending cleared)"));

    /** Appends one prepared event (or document) on the store of the current round. */
    @FunctionalInterface
    interface Appender {
        void append(int index);
    }

    /**
     * One way of appending. {@code open} gets a fresh database name and returns the appender for a round whose events
     * are built up front, so that only the appends are timed.
     */
    record Variant(String label, String databasePrefix, EmbeddedMongo store,
                   Function<String, Function<Integer, Appender>> open) {
    }

    private final Scale scale;
    private final EmbeddedMongo mongo;
    private final Report report;
    private final StepTimes stepTimes = new StepTimes();
    private final List<EmbeddedMongo> others = new ArrayList<>();
    private int databases;

    AppendWorkload(Scale scale, EmbeddedMongo mongo, Report report) {
        this.scale = scale;
        this.mongo = mongo;
        this.report = report;
    }

    void run() {
        Variant ours = new Variant("ours (as the app runs: " + mongo.describe() + ")", "append_ours", mongo,
                                   database -> engine(Engines.ours(mongo, database, true, stepTimes::step), true));
        Variant oursNoBarrier = new Variant("ours, no barrier (OS buffers: survives a killed process)",
                                            "append_ours_nobarrier", mongo,
                                            database -> engine(Engines.ours(mongo, database, false), false));
        Variant vendor = new Variant("vendor axon-mongo", "append_vendor", mongo,
                                     database -> engine(Engines.vendor(mongo, database), false));
        Variant raw = new Variant("raw driver insertOne", "append_raw", mongo, database -> raw(mongo, database, false));
        Variant rawCommit = new Variant("raw insertOne + barrier", "append_raw_commit", mongo,
                                        database -> raw(mongo, database, true));
        List<Variant> variants = new ArrayList<>(List.of(ours, oursNoBarrier, vendor, raw, rawCommit));
        // the bake-off: the same appends, with the barrier, on the other engines the store could run on
        Map<String, Variant[]> bakeOff = new LinkedHashMap<>();
        for (String engine : bakeOffEngines()) {
            EmbeddedMongo other = new EmbeddedMongo(engine);
            others.add(other);
            Variant[] pair = {
                    new Variant("ours on " + other.describe(), "append_ours_" + engine, other,
                                database -> engine(Engines.ours(other, database, true), false)),
                    new Variant("raw insertOne + barrier on " + engine, "append_raw_commit_" + engine, other,
                                database -> raw(other, database, true))};
            bakeOff.put(engine, pair);
            variants.addAll(List.of(pair));
        }
        String postgres = System.getProperty("bench.postgres.url");
        Variant jdbc = postgres == null ? null : new Variant("Axon JDBC engine on PostgreSQL", "append_pg", mongo,
                database -> engine(Engines.jdbc(postgres, database), false));
        if (jdbc != null) {
            variants.add(jdbc);
        }
        try {
            run(variants, ours, oursNoBarrier, vendor, raw, rawCommit, jdbc, bakeOff);
        } finally {
            others.forEach(EmbeddedMongo::close);
        }
    }

    /** The engines other than the main store's, from {@code bench.bakeoff} (default: the two others; none: off). */
    private List<String> bakeOffEngines() {
        String main = System.getProperty("bench.store", "rocksdb").toLowerCase(Locale.ROOT);
        String listed = System.getProperty("bench.bakeoff", "rocksdb,sqlite,h2");
        List<String> engines = new ArrayList<>();
        for (String engine : listed.split(",")) {
            String name = engine.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("none") && !name.equals(main)) {
                engines.add(name);
            }
        }
        return engines;
    }

    private void run(List<Variant> variants, Variant ours, Variant oursNoBarrier, Variant vendor, Variant raw,
                     Variant rawCommit, Variant jdbc, Map<String, Variant[]> bakeOff) {
        Progress.say("appends: warm-up");
        for (Variant variant : variants) {
            time(variant, scale.appendWarmUp());
        }
        stepTimes.reset();
        int n = scale.appendsPerRound();
        Map<Variant, double[]> rates = new LinkedHashMap<>();
        variants.forEach(v -> rates.put(v, new double[scale.appendRounds()]));
        for (int round = 0; round < scale.appendRounds(); round++) {
            List<Variant> order = new ArrayList<>(variants);
            Collections.rotate(order, -round);
            for (Variant variant : order) {
                Progress.say("appends: round %d of %d, %s", round + 1, scale.appendRounds(), variant.label());
                rates.get(variant)[round] = time(variant, n);
            }
        }

        report.section(String.format("Appends: %,d single-event appendEvents calls per round (a new aggregate every "
                                             + "%d events), each round on an empty database; median of %d rounds "
                                             + "after a warm-up of %,d", n, scale.eventsPerAggregate(),
                                     scale.appendRounds(), scale.appendWarmUp()));
        double oursRate = row(ours, rates, "appends_per_s");
        double oursNoBarrierRate = row(oursNoBarrier, rates, "appends_per_s_no_barrier");
        double vendorRate = row(vendor, rates, "vendor_appends_per_s");
        double rawRate = row(raw, rates, "raw_insert_one_per_s");
        double rawCommitRate = row(rawCommit, rates, "raw_insert_one_commit_per_s");
        for (Map.Entry<String, Variant[]> engine : bakeOff.entrySet()) {
            double rate = row(engine.getValue()[0], rates, "appends_per_s_" + engine.getKey());
            row(engine.getValue()[1], rates, "raw_insert_one_commit_per_s_" + engine.getKey());
            report.row("ratio ours / ours on " + engine.getKey(), Stats.ratio(oursRate, rate), "",
                       "ratio_appends_vs_" + engine.getKey());
        }
        report.put("vendor_events_per_s", vendorRate);
        if (jdbc != null) {
            double pgRate = row(jdbc, rates, "jdbc_pg_events_per_s");
            report.row("ratio ours / JDBC on PostgreSQL", Stats.ratio(oursRate, pgRate), "", "ratio_appends_vs_jdbc_pg");
        } else {
            report.note("PostgreSQL baseline skipped: bench.postgres.url not set (bench/run starts one when it can)");
            report.put("jdbc_pg_events_per_s", null);
        }
        report.row("ratio ours / raw insertOne", Stats.ratio(oursRate, rawRate), "",
                   "ratio_appends_vs_raw_insert_one");
        report.row("ratio ours / raw insertOne + commit", Stats.ratio(oursRate, rawCommitRate), "",
                   "ratio_appends_vs_raw_insert_one_commit");
        report.row("ratio ours / vendor", Stats.ratio(oursRate, vendorRate), "", "ratio_appends_vs_vendor");
        report.row("ratio ours no barrier / vendor", Stats.ratio(oursNoBarrierRate, vendorRate), "",
                   "ratio_appends_no_barrier_vs_vendor");

        report.note("where one append of ours (with barrier) spends its time: median time from the previous step "
                            + "(the first from the call) to each step, in the order the engine took them:");
        boolean first = true;
        for (AppendStep step : stepTimes.order()) {
            String label = STEP_LABELS.get(step) + (first ? " (+ serialization, checks)" : "");
            report.row("  " + label, stepTimes.medianMicros(step), "µs",
                       "append_step_us_" + step.name().toLowerCase(Locale.ROOT));
            first = false;
        }
        report.note("the stream update's time by how many aggregates the round's store held (median, µs):");
        long[] bounds = stepTimes.streamBounds(n / scale.eventsPerAggregate());
        for (int i = 0; i < bounds.length - 1; i++) {
            report.row(String.format("  %,d to %,d aggregates", bounds[i], bounds[i + 1]),
                       stepTimes.commitMicrosBetween(bounds[i], bounds[i + 1]), "µs", null);
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

    private double time(Variant variant, int count) {
        String database = variant.databasePrefix() + "_" + (++databases);
        Appender appender = variant.open().apply(database).apply(count);
        System.gc();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            appender.append(i);
        }
        long elapsed = System.nanoTime() - start;
        variant.store().database(database).drop();
        return count / (elapsed / 1e9);
    }

    private Function<Integer, Appender> engine(EventStorageEngine engine, boolean timeSteps) {
        return count -> {
            List<DomainEventMessage<?>> events = newEvents(count);
            if (!timeSteps) {
                return index -> engine.appendEvents(Collections.singletonList(events.get(index)));
            }
            return index -> {
                stepTimes.start(index / scale.eventsPerAggregate());
                engine.appendEvents(Collections.singletonList(events.get(index)));
                stepTimes.end();
            };
        };
    }

    /** insertOne into a collection shaped like our engine's global log, with the same two unique indexes. */
    private Function<Integer, Appender> raw(EmbeddedMongo store, String databaseName, boolean commit) {
        MongoCollection<Document> collection = store.database(databaseName).getCollection(EventCollections.EVENTS);
        collection.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                               new IndexOptions().unique(true).name("aggregate_sequence"));
        collection.createIndex(Indexes.ascending("eventIdentifier"),
                               new IndexOptions().unique(true).name("event_identifier"));
        return count -> {
            List<DomainEventMessage<?>> events = newEvents(count);
            List<Document> documents = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                documents.add(SampleEvents.logDocument(i + 1, events.get(i), Engines.SERIALIZER));
            }
            if (!commit) {
                return index -> collection.insertOne(documents.get(index));
            }
            return index -> {
                collection.insertOne(documents.get(index));
                store.commit();
            };
        };
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

    /**
     * Times the steps of our appends through the engine's step listener: each step's time is measured from the step
     * heard before it (the first from the start of the call), in the order the engine takes them.
     */
    static final class StepTimes {
        private final Map<AppendStep, List<Long>> durations = new EnumMap<>(AppendStep.class);
        private final List<long[]> commitsByStreams = new ArrayList<>();
        private final List<AppendStep> heard = new ArrayList<>();
        private final List<Long> heardAt = new ArrayList<>();
        private List<AppendStep> order = List.of();
        private long started;
        private long streams;

        StepTimes() {
            reset();
        }

        void reset() {
            for (AppendStep step : AppendStep.values()) {
                durations.put(step, new ArrayList<>());
            }
            commitsByStreams.clear();
        }

        /** An append starts on a store that holds {@code streams} aggregates. */
        void start(long streams) {
            heard.clear();
            heardAt.clear();
            this.streams = streams;
            started = System.nanoTime();
        }

        void step(AppendStep step) {
            heardAt.add(System.nanoTime());
            heard.add(step);
        }

        void end() {
            if (heard.size() != AppendStep.values().length) {
                return;
            }
            long previous = started;
            for (int i = 0; i < heard.size(); i++) {
                long duration = heardAt.get(i) - previous;
                durations.get(heard.get(i)).add(duration);
                if (heard.get(i) == AppendStep.STREAM_COMMITTED) {
                    commitsByStreams.add(new long[]{streams, duration});
                }
                previous = heardAt.get(i);
            }
            if (order.isEmpty()) {
                order = List.copyOf(heard);
            }
        }

        List<AppendStep> order() {
            return order.isEmpty() ? List.of(AppendStep.values()) : order;
        }

        double medianMicros(AppendStep step) {
            return Stats.median(durations.get(step).stream().mapToLong(Long::longValue).toArray());
        }

        /** Four equal ranges of store size, 0 to {@code maxStreams}. */
        long[] streamBounds(long maxStreams) {
            return new long[]{0, maxStreams / 4, maxStreams / 2, maxStreams * 3 / 4, maxStreams};
        }

        double commitMicrosBetween(long fromStreams, long toStreams) {
            return Stats.median(commitsByStreams.stream()
                                                .filter(s -> s[0] >= fromStreams && s[0] < toStreams)
                                                .mapToLong(s -> s[1]).toArray());
        }
    }
}
