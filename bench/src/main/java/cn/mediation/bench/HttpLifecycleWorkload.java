package cn.mediation.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W1 through HTTP: the real server (the app's executable jar, in a child JVM, on its embedded MongoDB with the H2
 * commit per append) and 1, 4 and 8 clients, each driving disputes register → screen → mediate → resolve as fast
 * as the answers come. Every command stores one event, so commands/s are events/s. Also reads the server's heap
 * after the load (its actuator metric). The clients spread over every village of the sample directory.
 */
final class HttpLifecycleWorkload {

    private static final String[] STEPS = {"register", "screening", "mediation", "resolution"};

    private final Path appJar;
    private final int secondsPerRun;
    private final Report report;
    private ServerProcess server;
    private String mediator;

    HttpLifecycleWorkload(Path appJar, int secondsPerRun, Report report) {
        this.appJar = appJar;
        this.secondsPerRun = secondsPerRun;
        this.report = report;
    }

    void run() throws Exception {
        try (ServerProcess server = new ServerProcess(appJar, List.of())) {
            this.server = server;
            mediator = "bench-mediator";
            server.send("POST", "/api/admin/users", Map.of("username", mediator, "password", "bench-password",
                                                            "role", "MEDIATOR", "region", "511900000000"),
                        ServerProcess.admin(), null);
            List<String> villages = villages();
            // the sample committees are given at start-up, possibly after the server first answers
            String last = villages.get(villages.size() - 1);
            long until = System.nanoTime() + 120_000_000_000L;
            while (send("GET", "/api/committees?region=" + last, null, auth(mediator, "bench-password"), null)
                    .isEmpty() && System.nanoTime() < until) {
                Thread.sleep(500);
            }
            report.section("W1 lifecycle through HTTP (server in a child JVM, embedded MongoDB, commit per append)");
            report.note("each client: register → screen → mediate → resolve, back to back, for " + secondsPerRun
                                + " s per run; " + villages.size() + " villages");
            report.note("cpu ms/cmd: CPU time of the server's JVM during the run, per command");
            report.columns("clients", "commands/s", "p50 ms", "p99 register", "p99 screen", "p99 mediate",
                           "p99 resolve", "cpu ms/cmd");
            double best = 0;
            for (int clients : new int[]{1, 4, 8}) {
                best = Math.max(best, measure(clients, villages));
            }
            report.put("lifecycle_events_per_s", best);
            JsonNode heap = send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null,
                                 ServerProcess.admin(), null);
            double heapMb = heap.get("measurements").get(0).get("value").asDouble() / 1048576.0;
            report.row("server heap in use after the lifecycle runs", heapMb, "MiB", "heap_mb_after_lifecycle");
        }
    }

    private double measure(int clients, List<String> villages) throws Exception {
        return measure(report, "lifecycle_http_", clients, secondsPerRun, villages, this::lifecycle,
                       server.process());
    }

    /** One dispute's life from a village, each step's time added to its queue. */
    interface Lifecycle {
        void run(String village, Map<String, ConcurrentLinkedQueue<Long>> latencies) throws Exception;
    }

    /**
     * Runs {@code clients} clients, each living disputes back to back for {@code secondsPerRun}; prints a row and
     * stores {@code <prefix><clients>_clients_commands_per_s}, {@code _p99_ms} and {@code _cpu_ms_per_command} (CPU
     * time of {@code serving} during the run per command: steadier than the rate on a shared machine); returns
     * commands/s.
     */
    static double measure(Report report, String prefix, int clients, int secondsPerRun, List<String> villages,
                          Lifecycle lifecycle, ProcessHandle serving) throws Exception {
        Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
        for (String step : STEPS) {
            latencies.put(step, new ConcurrentLinkedQueue<>());
        }
        AtomicLong commands = new AtomicLong();
        long deadline = System.nanoTime() + secondsPerRun * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long cpuBefore = cpuNanos(serving);
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                    String village = villages.get((client * 7919 + n++) % villages.size());
                    lifecycle.run(village, latencies);
                    commands.addAndGet(STEPS.length);
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMs = (cpuNanos(serving) - cpuBefore) / 1e6 / commands.get();
        double rate = commands.get() / seconds;
        List<Long> all = new ArrayList<>();
        latencies.values().forEach(all::addAll);
        report.columns(Integer.toString(clients), Report.format(rate), Report.format(ms(all, 50)),
                       Report.format(ms(latencies.get("register"), 99)), Report.format(ms(latencies.get("screening"), 99)),
                       Report.format(ms(latencies.get("mediation"), 99)), Report.format(ms(latencies.get("resolution"), 99)),
                       Report.format(cpuMs));
        report.put(prefix + clients + "_clients_commands_per_s", rate);
        report.put(prefix + clients + "_clients_p99_ms", ms(all, 99));
        report.put(prefix + clients + "_clients_cpu_ms_per_command", cpuMs);
        return rate;
    }

    /** The CPU time a process has used so far (0 where the platform does not say). */
    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** The bodies of the four steps, as the HTTP API takes them. */
    static Map<String, Object> registration(String id, String village) {
        return Map.of("id", id, "villageCode", village, "field", "NEIGHBOURS", "source", "SWEEP", "summary", "宅基地边界",
                      "date", "2026-03-02", "peopleInvolved", 2,
                      "parties", List.of(Map.of("role", "APPLICANT", "name", "王某", "idNumber", "11010519491231002X",
                                                "phone", "13812345678")));
    }

    static final Map<String, Object> SCREENING = Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03");

    static Map<String, Object> mediation(String village) {
        return Map.of("committeeId", "C" + village, "mediatorIds", List.of("C" + village + "-M1"),
                      "channel", "PEOPLES", "date", "2026-03-04");
    }

    static final Map<String, Object> RESOLUTION = Map.of("form", "WRITTEN", "terms", "协议", "date", "2026-03-05");

    private void lifecycle(String village, Map<String, ConcurrentLinkedQueue<Long>> latencies) throws Exception {
        lifecycle(List.of(server), 0, auth(mediator, "bench-password"), village, latencies);
    }

    /**
     * One dispute's life with its steps sent to the given servers in turn, starting at {@code first}: any instance
     * takes any command of any dispute.
     */
    static void lifecycle(List<ServerProcess> servers, int first, String auth, String village,
                          Map<String, ConcurrentLinkedQueue<Long>> latencies) throws Exception {
        String id = UUID.randomUUID().toString();
        int n = servers.size();
        timed(latencies.get("register"), () -> servers.get(first % n)
                .send("POST", "/api/disputes", registration(id, village), auth, null));
        timed(latencies.get("screening"), () -> servers.get((first + 1) % n)
                .send("POST", "/api/disputes/" + id + "/screening", SCREENING, auth, "0"));
        timed(latencies.get("mediation"), () -> servers.get((first + 2) % n)
                .send("POST", "/api/disputes/" + id + "/mediation", mediation(village), auth, "1"));
        timed(latencies.get("resolution"), () -> servers.get((first + 3) % n)
                .send("POST", "/api/disputes/" + id + "/resolution", RESOLUTION, auth, "2"));
    }

    interface Call {
        Object run() throws Exception;
    }

    static void timed(ConcurrentLinkedQueue<Long> into, Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        into.add(System.nanoTime() - start);
    }

    static double ms(java.util.Collection<Long> nanos, double p) {
        double[] values = nanos.stream().mapToDouble(n -> n / 1e6).toArray();
        return Stats.percentile(values, p);
    }

    private List<String> villages() throws Exception {
        return villages(server, auth(mediator, "bench-password"));
    }

    /** Every village of the sample directory, as the server lists them. */
    static List<String> villages(ServerProcess server, String auth) throws Exception {
        List<String> villages = new ArrayList<>();
        for (JsonNode county : server.send("GET", "/api/regions?parent=511900000000", null, auth, null)) {
            for (JsonNode town : server.send("GET", "/api/regions?parent=" + county.get("code").asText(), null, auth,
                                             null)) {
                for (JsonNode village : server.send("GET", "/api/regions?parent=" + town.get("code").asText(), null,
                                                    auth, null)) {
                    villages.add(village.get("code").asText());
                }
            }
        }
        return villages;
    }

    private JsonNode send(String method, String path, Object body, String auth, String ifMatch) throws Exception {
        return server.send(method, path, body, auth, ifMatch);
    }

    private static String auth(String user, String password) {
        return ServerProcess.auth(user, password);
    }

}
