package cn.mediation.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * W2 replay: the app (child JVM, embedded MongoDB) loads the demo year through its real command path at two
 * scales, its projections catch up, then every projection is reset to the start of the log and the time until all
 * have handled every event again is measured. Linear replay means the time grows like the event count.
 */
final class ReplayWorkload {

    private final Path appJar;
    private final double[] scales;
    private final Report report;

    ReplayWorkload(Path appJar, double[] scales, Report report) {
        this.appJar = appJar;
        this.scales = scales;
        this.report = report;
    }

    /**
     * "10k", "100k" or "1m" when the event count is within a tenth of that size (the figures the issue names), else
     * null.
     */
    static String roundSize(long events) {
        for (long round : new long[]{10_000, 100_000, 1_000_000}) {
            if (Math.abs(events - round) <= round / 10) {
                return DashboardWorkload.label((int) round);
            }
        }
        return null;
    }

    void run() throws Exception {
        report.section("W2 replay: every projection rebuilt from the demo year's events (app in a child JVM)");
        report.columns("demo scale", "events", "load s", "rebuild s", "events/s");
        double[] seconds = new double[scales.length];
        long[] events = new long[scales.length];
        for (int i = 0; i < scales.length; i++) {
            long started = System.nanoTime();
            ServerProcess server = new ServerProcess(appJar, List.of("--demo=" + scales[i],
                    "--logging.level.cn.mediation.app.sample=INFO"));
            try {
                // the demo year loads after the server first answers; its last line says it is done
                server.awaitOutput(" loaded in ", Duration.ofHours(2));
                server.awaitCaughtUp(Duration.ofHours(2));
                double load = (System.nanoTime() - started) / 1e9;
                JsonNode status = server.send("GET", "/api/admin/projections", null, ServerProcess.admin(), null);
                events[i] = status.get("head").asLong();
                long rebuild = System.nanoTime();
                for (JsonNode projection : status.get("projections")) {
                    server.send("POST", "/api/admin/projections/" + projection.get("name").asText() + "/rebuild", null,
                                ServerProcess.admin(), null);
                }
                server.awaitCaughtUp(Duration.ofHours(2));
                seconds[i] = (System.nanoTime() - rebuild) / 1e9;
                report.columns(Double.toString(scales[i]), Long.toString(events[i]), Report.format(load),
                               Report.format(seconds[i]), Report.format(events[i] / seconds[i]));
                report.put("replay_demo_" + scales[i] + "_events", events[i]);
                report.put("replay_demo_" + scales[i] + "_s", seconds[i]);
                String round = roundSize(events[i]);
                if (round != null) {
                    report.put("replay_" + round + "_s", seconds[i]);
                }
            } finally {
                server.close();
            }
            // the data folder once the server stopped as an operator stops it (its store closed)
            double perEvent = (double) server.dataBytes() / events[i];
            report.put("store_bytes_per_event_demo_" + scales[i], perEvent);
            if (i == scales.length - 1) {
                report.row(String.format("bytes on disk per event, demo scale %s (%,d events, read models included, "
                                         + "server stopped)", scales[i], events[i]), perEvent, "B",
                           "store_bytes_per_event");
            }
        }
        if (scales.length == 2) {
            double timeRatio = seconds[1] / seconds[0];
            double eventRatio = (double) events[1] / events[0];
            report.row("rebuild time ratio (larger / smaller)", timeRatio, "", "replay_time_ratio");
            report.row("event count ratio (larger / smaller)", eventRatio, "", "replay_event_ratio");
        }
    }
}
