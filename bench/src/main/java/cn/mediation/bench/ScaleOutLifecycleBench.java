package cn.mediation.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lifecycle commands/s through HTTP with one app instance and then with two, both on one embedded MongoDB in this
 * process (the store a replica set stands for): 4 and 8 clients, each dispute's four steps sent to the instances in
 * turn, so every other command lands on an instance that did not take the one before. Prints a table and
 * {@code scaleout_<n>_instances_<c>_clients_commands_per_s}. {@code main(appJar [secondsPerRun])}.
 */
public final class ScaleOutLifecycleBench {

    public static void main(String[] args) throws Exception {
        Path appJar = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Report report = new Report(System.out);
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            List<String> common = List.of("--mediation.mongo.uri=" + mongo.uri() + "/scaleout",
                                          "--mediation.privacy.kek-file=" + SharedKeys.kekFile(),
                                          "--mediation.audit.seal-key-file=" + SharedKeys.sealKeyFile());
            Progress.say("one instance, then two, on %s", mongo.describe());
            ServerProcess first = new ServerProcess(appJar, Files.createTempDirectory("bench-one"),
                                                    with(common, "--mediation.node-id=one"));
            try {
                first.send("POST", "/api/admin/users", Map.of("username", "bench-mediator", "password",
                                                               "bench-password", "role", "MEDIATOR",
                                                               "region", "511900000000"), ServerProcess.admin(), null);
                String auth = ServerProcess.auth("bench-mediator", "bench-password");
                List<String> villages = HttpLifecycleWorkload.villages(first, auth);
                awaitCommittee(first, auth, villages.get(villages.size() - 1));
                report.section("Lifecycle through HTTP, one instance and two on one store");
                report.note("each client: register → screen → mediate → resolve, back to back, " + seconds
                                    + " s per run; with two instances the steps alternate between them");
                report.note("cpu ms/cmd: the first instance's JVM only");
                report.columns("clients", "commands/s", "p50 ms", "p99 register", "p99 screen",
                               "p99 mediate", "p99 resolve", "cpu ms/cmd");
                measure(report, List.of(first), seconds, villages, auth);
                try (ServerProcess second = new ServerProcess(appJar, Files.createTempDirectory("bench-two"),
                                                              with(common, "--mediation.node-id=two"))) {
                    measure(report, List.of(first, second), seconds, villages, auth);
                }
            } finally {
                first.close();
            }
        }
        System.out.printf("cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
                          System.getProperty("java.version"));
    }

    private static void measure(Report report, List<ServerProcess> servers, int seconds, List<String> villages,
                                String auth) throws Exception {
        report.note(servers.size() == 1 ? "one instance:" : servers.size() + " instances:");
        for (int clients : new int[]{4, 8}) {
            AtomicInteger turn = new AtomicInteger();
            HttpLifecycleWorkload.measure(report, "scaleout_" + servers.size() + "_instances_", clients, seconds,
                                          villages, (village, latencies) -> HttpLifecycleWorkload.lifecycle(
                                                  servers, turn.getAndIncrement(), auth, village, latencies),
                                          servers.get(0).process());
        }
    }

    /** The sample committees are given at start-up, possibly after the server first answers. */
    private static void awaitCommittee(ServerProcess server, String auth, String village) throws Exception {
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            JsonNode committees = server.send("GET", "/api/committees?region=" + village, null, auth, null);
            if (committees != null && !committees.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no sample committee in " + village + " after 2 minutes");
    }

    private static List<String> with(List<String> common, String setting) {
        List<String> settings = new ArrayList<>(common);
        settings.add(setting);
        return settings;
    }

    private ScaleOutLifecycleBench() {
    }
}
