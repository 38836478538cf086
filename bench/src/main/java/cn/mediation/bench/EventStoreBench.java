package cn.mediation.bench;

import cn.mediation.core.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Measures our MongoDB event storage engine against the axon-mongo engine and the raw driver, all on one embedded
 * mongo-java-server (H2 file backend) started in this process: append throughput, a full tracking read, and the
 * latency of the hot reads at two store sizes. Prints a table and writes the figures as JSON.
 *
 * <p>Arguments: {@code --quick} (one tenth of the data), {@code --out FILE} (the JSON; default
 * {@code target/results.json}).
 */
public final class EventStoreBench {

    private EventStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Scale scale = Scale.FULL;
        Path out = Path.of("target", "results.json");
        Path appJar = null;
        boolean lifecycleOnly = false;
        boolean replay = false;
        boolean skipLifecycle = false;
        boolean dashboardOnly = false;
        boolean skipHttp = false;
        boolean replicatedReplay = false;
        boolean storeInMemory = false;
        boolean appendsOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> scale = Scale.QUICK;
                case "--out" -> out = Path.of(args[++i]);
                case "--app-jar" -> appJar = Path.of(args[++i]);
                case "--lifecycle-only" -> lifecycleOnly = true;
                case "--gateway-only" -> {
                    lifecycleOnly = true;
                    skipHttp = true;
                }
                case "--replay" -> replay = true;
                case "--dashboard-only" -> dashboardOnly = true;
                case "--appends-only" -> {
                    appendsOnly = true;
                    lifecycleOnly = true;
                    skipLifecycle = true;
                }
                case "--replay-1m" -> {
                    replicatedReplay = true;
                    lifecycleOnly = true;
                    skipLifecycle = true;
                }
                case "--store-in-memory" -> storeInMemory = true;
                case "--replay-only" -> {
                    replay = true;
                    lifecycleOnly = true;
                    skipLifecycle = true;
                }
                default -> {
                    System.err.println("usage: EventStoreBench [--quick] [--out results.json] [--app-jar app-exec.jar] [--lifecycle-only] [--replay]"
                                               + " [--replay-only] [--replay-1m [--store-in-memory]] [--dashboard-only] [--gateway-only] [--appends-only]");
                    System.exit(2);
                }
            }
        }
        boolean only = lifecycleOnly || dashboardOnly;
        if (!only) {
            // a run without an "-only" option fills every key, the replays included
            replay = true;
            replicatedReplay = true;
        }
        long started = System.nanoTime();
        Report report = new Report(System.out);
        int cores = Runtime.getRuntime().availableProcessors();
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
        report.section("Event store benchmark");
        report.note(String.format(Locale.ROOT, "scale: %s | cores: %d | java: %s | max heap: %d MiB | os: %s %s",
                                  scale.name(), cores, java, Runtime.getRuntime().maxMemory() >> 20,
                                  System.getProperty("os.name"), System.getProperty("os.arch")));
        report.note("server: mongo-java-server on the project's store in a temporary directory, one for all "
                            + "workloads; each engine in its own database");
        report.put("scale", scale.name());
        report.put("cores", cores);
        report.put("java_version", System.getProperty("java.version"));
        report.put("appends_per_round", scale.appendsPerRound());
        report.put("tracking_read_events", scale.largeStore());
        report.put("batch_size", Engines.BATCH_SIZE);

        Map<String, Double> phases = new LinkedHashMap<>();
        try (EmbeddedMongo mongo = lifecycleOnly && !appendsOnly ? null : new EmbeddedMongo()) {
            if (appendsOnly) {
                long phase = System.nanoTime();
                new AppendWorkload(scale, mongo, report).run();
                lap(phases, "appends", phase);
            } else if (mongo == null) {
                report.note("--lifecycle-only: the event store workloads are skipped");
            } else if (dashboardOnly) {
                long phase = System.nanoTime();
                new DashboardWorkload(mongo, scale, report, appJar).run();
                lap(phases, "W3 dashboard", phase);
            } else {
                storeWorkloads(scale, mongo, report, phases, appJar);
            }
        }
        if (appJar != null && !dashboardOnly) {
            long phase = System.nanoTime();
            if (!skipLifecycle && !skipHttp) {
                new HttpLifecycleWorkload(appJar, scale == Scale.QUICK ? 8 : 30, report).run();
                phase = lap(phases, "lifecycle through HTTP", phase);
            }
            if (!skipLifecycle) {
                new GatewayLifecycleWorkload(scale == Scale.QUICK ? 8 : 30, report).run();
                lap(phases, "lifecycle through the command gateway", phase);
            }
            report.put("ratio_lifecycle_vs_raw_insert_one",
                       Stats.ratio(number(report, "lifecycle_events_per_s"), number(report, "raw_insert_one_per_s")));
            report.put("ratio_lifecycle_gateway_vs_raw_insert_one",
                       Stats.ratio(number(report, "lifecycle_gateway_events_per_s"),
                                   number(report, "raw_insert_one_per_s")));
            report.put("ratio_lifecycle_gateway_vs_jdbc_pg",
                       Stats.ratio(number(report, "lifecycle_gateway_events_per_s"),
                                   number(report, "jdbc_pg_events_per_s")));
            if (replay) {
                phase = System.nanoTime();
                // the demo year has 52,880 events at scale 1: about 10k and 100k events (quick: 1k and 10k)
                double[] scales = scale == Scale.QUICK ? new double[]{0.019, 0.19} : new double[]{0.19, 1.9};
                new ReplayWorkload(appJar, scales, report).run();
                lap(phases, "replay", phase);
            }
            if (replicatedReplay) {
                phase = System.nanoTime();
                // the demo year at scale 1.9 (about 100k events) once and ten times over (quick: 10k and 100k)
                new ReplicatedReplayWorkload(appJar, scale == Scale.QUICK ? 0.19 : 1.9, new int[]{1, 10}, report,
                                             out.toAbsolutePath().getParent(), storeInMemory).run();
                lap(phases, "replay at scale", phase);
            }
        }
        if (scale == Scale.QUICK) {
            // at one tenth of the data the 1m keys hold the figures at 100k and the 100k keys those at 10k (as
            // "scale" says), so that a quick run fills every key the full one does
            copy(report, "replay_start_10x_s", "replay_1m_s");
            copy(report, "replay_start_1x_s", "replay_100k_s");
            copy(report, "stats_p99_ms_100k", "stats_p99_ms_1m");
            copy(report, "heap_mb_100k", "heap_mb_1m");
        }
        for (String key : new String[]{"replay_100k_s", "replay_1m_s", "stats_p99_ms_1m", "heap_mb_1m",
                                     "case_number_p50_ms_1m", "reopen_1m_ok", "store_bytes_per_event"}) {
            // a key this run did not measure stays, empty, so tools see what is missing (see bench/README.md)
            if (report.figure(key) == null) {
                report.put(key, null);
            }
        }
        phases.forEach((name, time) -> report.row("time: " + name, time, "s", null));
        double seconds = (System.nanoTime() - started) / 1e9;
        report.row("total time", seconds, "s", "total_seconds");
        report.writeJson(out);
        report.note("figures written to " + out);
        // the app started in this process for W1 through the gateway leaves threads behind its closed context
        System.exit(0);
    }

    private static void storeWorkloads(Scale scale, EmbeddedMongo mongo, Report report, Map<String, Double> phases,
                                       Path appJar) throws Exception {
        long phase = System.nanoTime();
        new AppendWorkload(scale, mongo, report).run();
        phase = lap(phases, "appends", phase);

        int perAggregate = scale.eventsPerAggregate();
        StoredHistory oursLarge = loadOurs(mongo, "ours_large", scale.largeStore(), perAggregate);
        phase = lap(phases, "bulk load ours, large store", phase);
        StoredHistory vendorLarge = loadVendor(mongo, "vendor_large", scale.largeStore(), perAggregate);
        phase = lap(phases, "bulk load vendor, large store", phase);
        StoredHistory oursSmall = loadOurs(mongo, "ours_small", scale.smallStore(), perAggregate);
        StoredHistory vendorSmall = loadVendor(mongo, "vendor_small", scale.smallStore(), perAggregate);
        phase = lap(phases, "bulk load both, small stores", phase);

        new TrackingReadWorkload(scale, report).run(oursLarge, vendorLarge);
        phase = lap(phases, "tracking reads", phase);
        new HotReadWorkload(scale, report).run(
                oursSmall, oursLarge,
                store -> GapAwareTrackingToken.newInstance(store.events / 2, Collections.emptySet()),
                vendorSmall, vendorLarge,
                store -> MongoTrackingToken.of(store.middleEvent.getTimestamp(),
                                               store.middleEvent.getIdentifier()));
        phase = lap(phases, "hot reads", phase);
        new CaseNumberWorkload(mongo, report).run(10_000, scale == Scale.QUICK ? 100_000 : 1_000_000,
                                                  // quick: the 1m key holds the figure at 100k (scale says so)
                                                  "case_number_p50_ms_10k", "case_number_p50_ms_1m");
        phase = lap(phases, "case-number lookups", phase);
        new LongCaseWorkload(mongo, scale == Scale.QUICK ? 20 : 100, 5, report).run();
        phase = lap(phases, "long cases", phase);
        new DashboardWorkload(mongo, scale, report, appJar).run();
        lap(phases, "W3 dashboard", phase);

        report.section("Run");
        report.row("store file size at the end", mongo.fileBytes() / 1048576.0, "MiB", "store_file_mib");
    }

    private static void copy(Report report, String from, String to) {
        if (report.figure(from) != null) {
            report.put(to, report.figure(from));
        }
    }

    private static double number(Report report, String key) {
        Object value = report.figure(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static long lap(Map<String, Double> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1e9);
        return now;
    }

    /** Our engine's store: loaded without the barrier, committed once, then read through the app's configuration. */
    private static StoredHistory loadOurs(EmbeddedMongo mongo, String database, int events, int perAggregate) {
        MongoEventStorageEngine loader = Engines.ours(mongo, database, false);
        MongoEventStorageEngine reader = Engines.ours(mongo, database, true);
        return StoredHistory.load("ours " + database, loader, reader, events, perAggregate, mongo::commit);
    }

    private static StoredHistory loadVendor(EmbeddedMongo mongo, String database, int events, int perAggregate) {
        var engine = Engines.vendor(mongo, database);
        return StoredHistory.load("vendor " + database, engine, engine, events, perAggregate, mongo::commit);
    }
}
