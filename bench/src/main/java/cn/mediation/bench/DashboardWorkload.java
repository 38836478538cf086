package cn.mediation.bench;

import cn.mediation.query.committee.CommitteeQueries;
import cn.mediation.query.statistics.ReadModelAtScale;
import cn.mediation.query.statistics.StatisticsProjection;
import cn.mediation.query.statistics.StatisticsReplay;
import cn.mediation.query.statistics.StatisticsService;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * W3: the statistics call for city, county, town and village views at three numbers of disputes (full: 10k, 100k,
 * 1M; quick: 1k, 10k, 100k). Each read model is built by the projection's own model in memory and written to the
 * embedded server in bulk (feeding 1M disputes through the live projection takes hours here); a check first builds
 * 2,000 disputes both ways and compares every bucket. The call is then timed against the server, as the app makes it.
 */
final class DashboardWorkload {

    private static final int CALLS = 1_000;
    private static final int CHECKED_DISPUTES = 2_000;

    private final EmbeddedMongo mongo;
    private final int[] sizes;
    private final Report report;
    private final Path appJar;

    DashboardWorkload(EmbeddedMongo mongo, Scale scale, Report report, Path appJar) {
        this.mongo = mongo;
        this.appJar = appJar;
        this.sizes = scale == Scale.QUICK ? new int[]{1_000, 10_000, 100_000} : new int[]{10_000, 100_000, 1_000_000};
        this.report = report;
    }

    void run() throws Exception {
        report.section("W3 dashboard: the statistics call at " + sizes[0] + " / " + sizes[1] + " / " + sizes[2]
                               + " disputes");
        checkBulkEqualsLive();
        report.columns("disputes", "buckets", "build s", "p50 ms", "p99 ms", "max ms");
        double[] p50 = new double[sizes.length];
        double[] p99 = new double[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            int disputes = sizes[s];
            long start = System.nanoTime();
            SyntheticDisputes source = new SyntheticDisputes(disputes);
            ReadModelAtScale model = new ReadModelAtScale();
            for (int i = 0; i < disputes; i++) {
                model.apply(source.next());
                if ((i + 1) % 100_000 == 0) {
                    Progress.say("W3: %,d of %,d disputes built", i + 1, disputes);
                }
            }
            MongoDatabase database = mongo.database("w3_" + disputes);
            int buckets = model.writeTo(database);
            long events = model.events();
            model = null; // the calls read the server, not this copy; let it go before timing them
            mongo.commit();
            System.gc(); // the build's garbage is not the call's cost: collect it before timing (the server is in-process)
            double build = (System.nanoTime() - start) / 1e9;
            double[] millis = time(database, source);
            p50[s] = Stats.percentile(millis, 50);
            String[] levels = {"city", "county", "town", "village"};
            StringBuilder perView = new StringBuilder("p50 / p99 ms by view:");
            for (int v = 0; v < levels.length; v++) {
                double[] view = new double[CALLS / levels.length];
                for (int call = v, n = 0; call < CALLS; call += levels.length) {
                    view[n++] = millis[call];
                }
                perView.append(String.format(Locale.ROOT, " %s %.1f / %.1f", levels[v], Stats.percentile(view, 50),
                                             Stats.percentile(view, 99)));
                report.put("stats_p99_ms_" + levels[v] + "_" + label(disputes), Stats.percentile(view, 99));
            }
            p99[s] = Stats.percentile(millis, 99);
            double max = Stats.percentile(millis, 100);
            report.columns(String.format(Locale.ROOT, "%,d", disputes), String.valueOf(buckets), Report.format(build),
                           Report.format(p50[s]), Report.format(p99[s]), Report.format(max));
            report.note(perView.toString());
            String key = label(disputes);
            report.put("stats_p50_ms_" + key, p50[s]);
            report.put("stats_p99_ms_" + key, p99[s]);
            report.put("stats_buckets_" + key, buckets);
            report.put("stats_events_" + key, events);
        }
        report.row("statistics p99 ratio, " + label(sizes[2]) + " / " + label(sizes[0]) + " disputes (flat: near 1)",
                   p99[2] / p99[0], "x", "stats_p99_ratio");
        report.row("statistics p50 ratio, " + label(sizes[2]) + " / " + label(sizes[0]) + " disputes",
                   p50[2] / p50[0], "x", "stats_p50_ratio");
        report.row("store file size after W3", mongo.fileBytes() / 1048576.0, "MiB", "w3_store_file_mib");
        if (appJar != null) {
            throughTheApp(sizes[sizes.length - 1]);
        }
    }

    /**
     * The app (a child JVM, -Xmx1g) on the largest read model, reached as a MongoDB through MONGODB_URI's setting:
     * the statistics call over HTTP for the four views, then the server's heap in use, as is and after a collection.
     * The store's own memory is the embedded server's, in this process, as it would be a MongoDB's.
     */
    private void throughTheApp(int disputes) throws Exception {
        String key = label(disputes);
        try (ServerProcess server = new ServerProcess(appJar, List.of("--mediation.mongo.uri=" + mongo.uri(),
                                                                      "--mediation.mongo.database=w3_" + disputes))) {
            server.send("POST", "/api/admin/users", java.util.Map.of("username", "bench-analyst", "password",
                                                                     "bench-password", "role", "ANALYST",
                                                                     "region", "511900000000"),
                        ServerProcess.admin(), null);
            String analyst = ServerProcess.auth("bench-analyst", "bench-password");
            String[][] views = SyntheticDisputes.VIEWS;
            for (int warm = 0; warm < 50; warm++) {
                String[] view = views[warm % views.length];
                server.send("GET", "/api/statistics?region=" + view[0] + "&from=" + view[1] + "&to=" + view[2], null,
                            analyst, null);
            }
            double[] millis = new double[CALLS];
            for (int call = 0; call < CALLS; call++) {
                String[] view = views[call % views.length];
                String field = call % 8 == 7 ? "&field=NEIGHBOURS" : "";
                long t0 = System.nanoTime();
                server.send("GET", "/api/statistics?region=" + view[0] + "&from=" + view[1] + "&to=" + view[2] + field,
                            null, analyst, null);
                millis[call] = (System.nanoTime() - t0) / 1e6;
            }
            JsonNode heap = server.send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null,
                                        ServerProcess.admin(), null);
            double used = heap.get("measurements").get(0).get("value").asDouble() / 1048576.0;
            double live = server.heapAfterCollection();
            report.note(String.format(Locale.ROOT, "through the app over HTTP, %s disputes: p50 %.2f ms, p99 %.2f ms; "
                                                           + "server heap in use %.0f MiB, %.0f MiB after a collection",
                                      key, Stats.percentile(millis, 50), Stats.percentile(millis, 99), used, live));
            report.put("stats_http_p50_ms_" + key, Stats.percentile(millis, 50));
            report.put("stats_http_p99_ms_" + key, Stats.percentile(millis, 99));
            report.put("heap_mb_" + key, used);
            report.put("heap_mb_after_gc_" + key, live);
        }
    }

    static String label(int disputes) {
        return disputes >= 1_000_000 ? disputes / 1_000_000 + "m" : disputes / 1_000 + "k";
    }

    /** 1,000 calls (after 50 discarded) over the four views, every eighth for one field; milliseconds each. */
    private static double[] time(MongoDatabase database, SyntheticDisputes source) {
        StatisticsService service = new StatisticsService(new StatisticsProjection(database),
                                                          new StatisticsReplay(null), source.regions(),
                                                          new CommitteeQueries(database),
                                                          Clock.system(ZoneId.of("Asia/Shanghai")),
                                                          new cn.mediation.query.support.ReadSideSettings(30));
        return time(service, 50, CALLS);
    }

    /** Times {@code calls} statistics calls over the four views (every eighth for one field) after a warm-up. */
    static double[] time(StatisticsService service, int warmUp, int calls) {
        String[][] views = SyntheticDisputes.VIEWS;
        for (int warm = 0; warm < warmUp; warm++) {
            String[] view = views[warm % views.length];
            service.statistics(service.parse(view[0], view[1], view[2], null, null));
        }
        double[] millis = new double[calls];
        for (int call = 0; call < calls; call++) {
            String[] view = views[call % views.length];
            String field = call % 8 == 7 ? "NEIGHBOURS" : null;
            long t0 = System.nanoTime();
            service.statistics(service.parse(view[0], view[1], view[2], field, null));
            millis[call] = (System.nanoTime() - t0) / 1e6;
        }
        return millis;
    }

    /** The same disputes through the live projection (processing batches of 500 events) and through the bulk build. */
    private void checkBulkEqualsLive() {
        SyntheticDisputes live = new SyntheticDisputes(7);
        SyntheticDisputes bulk = new SyntheticDisputes(7);
        MongoDatabase liveDatabase = mongo.database("w3_check_live");
        MongoDatabase bulkDatabase = mongo.database("w3_check_bulk");
        StatisticsProjection projection = new StatisticsProjection(liveDatabase);
        ReadModelAtScale model = new ReadModelAtScale();
        List<EventMessage<?>> batch = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CHECKED_DISPUTES; i++) {
            batch.addAll(live.next());
            if (batch.size() >= 500) {
                projection.applyBatch(batch);
                batch.clear();
            }
        }
        projection.applyBatch(batch);
        double liveSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        for (int i = 0; i < CHECKED_DISPUTES; i++) {
            model.apply(bulk.next());
        }
        model.writeTo(bulkDatabase);
        double bulkSeconds = (System.nanoTime() - start) / 1e9;
        List<String> differences = ReadModelAtScale.sameBuckets(liveDatabase, bulkDatabase, 5);
        report.note(String.format(Locale.ROOT, "check: %,d disputes (%,d events) through the live projection in %.1f s "
                                                       + "(%.0f events/s) and built in bulk in %.2f s: %s",
                                  CHECKED_DISPUTES, model.events(), liveSeconds, model.events() / liveSeconds,
                                  bulkSeconds, differences.isEmpty() ? "every bucket identical"
                                          : "buckets differ, e.g. " + differences));
        report.put("w3_bulk_equals_live", differences.isEmpty());
        report.put("statistics_live_load_events_per_s", model.events() / liveSeconds);
        if (!differences.isEmpty()) {
            throw new IllegalStateException("the bulk-built read model differs from the live one: " + differences);
        }
    }
}
