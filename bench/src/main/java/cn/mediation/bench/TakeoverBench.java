package cn.mediation.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code takeover_s}: two app instances (the executable jar, each in a JVM of its own) on one embedded MongoDB in
 * this process; the first holds every segment of every projection and is killed with SIGKILL; the figure is the time
 * from the kill until the second holds every segment, read from {@code GET /api/admin/projections}. The claim
 * timeout is the app's default (10 s) unless {@code -Dbench.claim-timeout=PT…} says otherwise.
 * {@code main(appJar)}.
 */
public final class TakeoverBench {

    public static void main(String[] args) throws Exception {
        Path appJar = Path.of(args[0]);
        String claimTimeout = System.getProperty("bench.claim-timeout", "PT10S");
        try (EmbeddedMongo mongo = new EmbeddedMongo()) {
            List<String> common = List.of("--mediation.mongo.uri=" + mongo.uri() + "/takeover",
                                          "--mediation.projections.claim-timeout=" + claimTimeout,
                                          "--mediation.privacy.kek-file=" + SharedKeys.kekFile(),
                                          "--mediation.audit.seal-key-file=" + SharedKeys.sealKeyFile());
            Progress.say("starting two instances on %s", mongo.describe());
            ServerProcess first = new ServerProcess(appJar, Files.createTempDirectory("bench-first"),
                                                    with(common, "--mediation.node-id=first"));
            try (ServerProcess second = new ServerProcess(appJar, Files.createTempDirectory("bench-second"),
                                                          with(common, "--mediation.node-id=second"))) {
                awaitOwner(second, "first", Duration.ofMinutes(5));
                first.kill();
                long killed = System.nanoTime();
                awaitOwner(second, "second", Duration.ofMinutes(5));
                double seconds = (System.nanoTime() - killed) / 1e9;
                System.out.printf("cores=%d java=%s claim_timeout=%s%n", Runtime.getRuntime().availableProcessors(),
                                  System.getProperty("java.version"), claimTimeout);
                System.out.printf("takeover_s=%.1f%n", seconds);
            } finally {
                first.close();
            }
        }
    }

    /** Waits until {@code owner} holds every segment of every projection, as {@code instance} reports them. */
    private static void awaitOwner(ServerProcess instance, String owner, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = instance.send("GET", "/api/admin/projections", null, ServerProcess.admin(), null);
            boolean all = true;
            for (JsonNode projection : status.get("projections")) {
                JsonNode segments = projection.path("segments");
                all &= segments.size() > 0;
                for (JsonNode segment : segments) {
                    all &= owner.equals(segment.path("owner").asText());
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(owner + " did not hold every segment within " + atMost);
    }

    private static List<String> with(List<String> common, String setting) {
        List<String> settings = new java.util.ArrayList<>(common);
        settings.add(setting);
        return settings;
    }

    private TakeoverBench() {
    }
}
