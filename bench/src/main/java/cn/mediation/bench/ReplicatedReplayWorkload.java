package cn.mediation.bench;

import cn.mediation.core.eventstore.EventLogImport;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.eventstore.layout.EventCollections;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * W2 at a million events: the demo year at one scale is loaded through the app's command path and exported; from
 * the export {@link ReplicatedLog} makes a log of the same year with each dispute and sweep once and with each ten
 * times (about 100k and 1M events at full scale); each is imported into an empty embedded store (the store the app
 * opens, written in this process through {@link EventLogImport}), and the app is started on it with no projection
 * state: the time from its start until every projection has handled every event is the replay time. Both sizes are
 * measured the same way, so their ratio shows whether the replay is linear.
 *
 * <p>With {@code inMemory} the store is the same backend held in this process's heap and the app is started with its
 * URI, as on a MongoDB of its own (kept from the time the embedded store was H2, whose file of a million events
 * could not be read back after a reopen).
 */
final class ReplicatedReplayWorkload {

    private static final Duration AT_MOST = Duration.ofHours(4);

    private final Path appJar;
    private final double demoScale;
    private final int[] copies;
    private final Report report;
    /** Where the export and the servers' logs are kept (bench/target). */
    private final Path keep;
    private final boolean inMemory;

    ReplicatedReplayWorkload(Path appJar, double demoScale, int[] copies, Report report, Path keep, boolean inMemory) {
        this.keep = keep;
        this.inMemory = inMemory;
        this.appJar = appJar;
        this.demoScale = demoScale;
        this.copies = copies;
        this.report = report;
    }

    void run() throws Exception {
        report.section("W2 at scale: the demo year's log made n times larger, imported, replayed by a starting app");
        Path work = Files.createTempDirectory("bench-replicated-replay");
        try {
            Files.createDirectories(keep);
            // the export depends only on the demo year's scale and the app's event classes: kept and used again
            Path export = keep.resolve("replay-demo-" + demoScale + ".ndjson");
            if (Files.exists(export)) {
                Progress.say("W2 at scale: using the demo year exported by an earlier run, %s (delete it to load again)",
                             export);
            } else {
                Path partial = work.resolve("demo.ndjson");
                exportDemoYear(partial);
                Files.move(partial, export);
            }
            try (Stream<String> lines = Files.lines(export, StandardCharsets.UTF_8)) {
                report.row("demo year exported (scale " + demoScale + ")", lines.count(), "events",
                           "replay_start_base_events");
            }
            report.columns("copies", "events", "import ev/s", "start s", "replay s", "events/s", "heap MiB");
            double[] seconds = new double[copies.length];
            long[] events = new long[copies.length];
            for (int i = 0; i < copies.length; i++) {
                Path log = work.resolve("log-" + copies[i] + ".ndjson");
                ReplicatedLog.Written written = ReplicatedLog.write(export, copies[i], log);
                Progress.say("W2 at scale: %d events of %d aggregates written (%d copies)", written.events(),
                             written.aggregates(), copies[i]);
                Path data = work.resolve("data-" + copies[i]);
                EmbeddedMongo memory = inMemory ? EmbeddedMongo.inMemory() : null;
                long imported = System.nanoTime();
                if (memory == null) {
                    try (EmbeddedMongo file = new EmbeddedMongo(data.resolve("store"))) {
                        importInto(file, log);
                    }
                } else {
                    Files.createDirectories(data);
                    importInto(memory, log);
                }
                double importSeconds = (System.nanoTime() - imported) / 1e9;
                Files.delete(log);
                Progress.say("W2 at scale: imported in %.1f s; starting the app on it", importSeconds);

                List<String> arguments = memory == null
                        ? List.of("--mediation.sample-committees=false")
                        : List.of("--mediation.sample-committees=false", "--mediation.mongo.uri=" + memory.uri());
                long launched = System.nanoTime();
                try {
                    try (memory; ServerProcess server = new ServerProcess(appJar, data, arguments)) {
                        double start = (System.nanoTime() - launched) / 1e9;
                        server.awaitCaughtUp(AT_MOST, "W2 at scale, " + written.events() + " events");
                        seconds[i] = (System.nanoTime() - launched) / 1e9;
                        JsonNode status = server.send("GET", "/api/admin/projections", null, ServerProcess.admin(), null);
                        events[i] = status.get("head").asLong();
                        double heap = server.heapAfterCollection();
                        String round = ReplayWorkload.roundSize(events[i]);
                        report.columns(Integer.toString(copies[i]), Long.toString(events[i]),
                                       Report.format(written.events() / importSeconds), Report.format(start),
                                       Report.format(seconds[i]), Report.format(events[i] / seconds[i]),
                                       Report.format(heap));
                        report.put("replay_start_" + copies[i] + "x_events", events[i]);
                        report.put("replay_start_" + copies[i] + "x_s", seconds[i]);
                        report.put("replay_start_" + copies[i] + "x_heap_mb", heap);
                        report.put("import_" + copies[i] + "x_events_per_s", written.events() / importSeconds);
                        if (round != null && report.figure("replay_" + round + "_s") == null) {
                            report.put("replay_" + round + "_s", seconds[i]);
                        }
                    }
                    if (memory == null) {
                        reopenAndCount(data.resolve("store"), events[i], copies[i]);
                    }
                } finally {
                    Path serverLog = data.resolve(ServerProcess.LOG);
                    if (Files.exists(serverLog)) {
                        // the server's own log outlives its data directory (also when it stopped while starting)
                        Files.copy(serverLog, keep.resolve("replay-" + copies[i] + "x-server.log"),
                                   StandardCopyOption.REPLACE_EXISTING);
                    }
                    FileSystemUtils.deleteRecursively(data);
                }
            }
            if (copies.length == 2) {
                report.row("replay time ratio (larger / smaller)", seconds[1] / seconds[0], "",
                           "replay_start_time_ratio");
                report.row("event count ratio (larger / smaller)", (double) events[1] / events[0], "",
                           "replay_start_event_ratio");
            }
            report.note("replay s: from the app's launch (start s of it before it answered) until every projection "
                                + "handled every event; names stored in clear (see ReplicatedLog); store: "
                                + (inMemory ? "H2 in the benchmark's heap, reached by the app through its URI"
                                            : "the app's embedded store, reopened and counted twice more after the replay"));
            report.put("replay_start_store", inMemory ? "h2-memory" : "store-file");
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    /**
     * After the app's replay and stop, the store is opened twice more in this process and its log counted: a store
     * that cannot be read back after a reopen (as H2's could not at a million events) fails here.
     */
    private void reopenAndCount(Path store, long expected, int copies) {
        boolean ok = true;
        for (int reopen = 2; reopen <= 3; reopen++) {
            long counted;
            try (EmbeddedMongo reopened = new EmbeddedMongo(store)) {
                counted = StoreScaleBench.countEach(EventCollections.in(reopened.database("mediation")).events());
            }
            Progress.say("W2 at scale: reopen %d of the %dx store counted %d events (%d expected)", reopen, copies,
                         counted, expected);
            ok &= counted == expected;
        }
        report.put("reopen_" + copies + "x_ok", ok);
        String round = ReplayWorkload.roundSize(expected);
        if ("1m".equals(round) || (copies > 1 && report.figure("reopen_1m_ok") == null)) {
            // quick: the larger store (about 100k) stands in for the million, as scale says
            report.put("reopen_1m_ok", ok);
        }
    }

    private void exportDemoYear(Path export) throws Exception {
        Path data = Files.createTempDirectory("bench-app-data");
        long started = System.nanoTime();
        try (ServerProcess server = new ServerProcess(appJar, data, List.of("--demo=" + demoScale,
                "--logging.level.cn.mediation.app.sample=INFO"))) {
            server.awaitOutput(" loaded in ", Duration.ofHours(2));
            Progress.say("W2 at scale: demo year %s loaded in %.0f s; exporting its log", demoScale,
                         (System.nanoTime() - started) / 1e9);
            server.download("/api/admin/events/export", ServerProcess.admin(), export);
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
    }

    /** Writes the log into the empty store (its database {@code mediation}, which the app opens). */
    private static void importInto(EmbeddedMongo store, Path log) throws IOException {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                                                                .database(store.database("mediation"))
                                                                .eventSerializer(Engines.SERIALIZER)
                                                                .snapshotSerializer(Engines.SERIALIZER)
                                                                .build();
        new EventLogImport(engine).run(() -> Files.newBufferedReader(log, StandardCharsets.UTF_8));
    }
}
