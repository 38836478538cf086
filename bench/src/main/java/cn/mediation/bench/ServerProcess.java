package cn.mediation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The application's executable jar running in a child JVM on its embedded MongoDB (a fresh temporary data
 * directory), with an administrator password of the benchmark's, and an HTTP client to talk to it.
 * {@code BENCH_SERVER_OPTS} adds JVM options (e.g. a flight recording).
 */
final class ServerProcess implements AutoCloseable {

    /** The server's output, in its data directory. */
    static final String LOG = "server.log";
    static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Path log;

    /** Bytes of every file in the server's data directory (its store, read models included; not its log). */
    long dataBytes() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(log.getParent())) {
            return files.filter(Files::isRegularFile).filter(file -> !file.equals(log))
                        .mapToLong(file -> file.toFile().length()).sum();
        }
    }

    ServerProcess(Path appJar, List<String> arguments) throws IOException, InterruptedException {
        this(appJar, Files.createTempDirectory("bench-app-data"), arguments);
    }

    /** The app on the embedded store in {@code data} (which may hold a store already). */
    ServerProcess(Path appJar, Path data, List<String> arguments) throws IOException, InterruptedException {
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-XX:+UseParallelGC"));
        String extra = System.getenv("BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", appJar.toString(), "--server.port=" + port,
                               "--mediation.mongo.embedded.data-dir=" + data,
                               "--mediation.security.admin-password=" + ADMIN_PASSWORD,
                               "--management.endpoints.web.exposure.include=health,metrics",
                               "--logging.level.root=WARN"));
        command.addAll(arguments);
        log = data.resolve(LOG);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        waitForHealth();
    }

    static String auth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String admin() {
        return auth("admin", ADMIN_PASSWORD);
    }

    JsonNode send(String method, String path, Object body, String auth, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                                                 .header("Authorization", auth);
        if (body != null) {
            request.header("Content-Type", "application/json")
                   .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Streams the body of a GET to {@code file} (an export too large to hold in memory). */
    void download(String path, String auth, Path file) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).GET()
                                         .build();
        HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("GET " + path + " → " + response.statusCode() + " " + Files.readString(file));
        }
    }

    /** Waits until the server's output has a line containing {@code text}. */
    void awaitOutput(String text, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped; see " + log);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no '" + text + "' from the server within " + atMost);
    }

    /** Waits until every projection has handled every event in the log. */
    void awaitCaughtUp(Duration atMost) throws Exception {
        awaitCaughtUp(atMost, null);
    }

    /**
     * Waits until every projection has handled every event in the log; with {@code what}, tells on stderr every
     * minute how far the slowest projection is (so a long replay that must be stopped still shows its rate).
     */
    void awaitCaughtUp(Duration atMost, String what) throws Exception {
        long started = System.nanoTime();
        long deadline = started + atMost.toNanos();
        long nextReport = started + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status;
            try {
                status = send("GET", "/api/admin/projections", null, admin(), null);
            } catch (IOException e) {
                // a server that failed after it answered may take a while to stop (Axon's shutdown phases): its
                // last lines say why either way
                boolean stopped = process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                throw new IllegalStateException("the server " + (stopped ? "stopped (exit " + process.exitValue() + ")"
                        : "does not answer") + "; its last lines:\n" + lastLines(40), e);
            }
            boolean all = true;
            long slowest = Long.MAX_VALUE;
            for (JsonNode projection : status.get("projections")) {
                all &= projection.path("caughtUp").asBoolean(true);
                slowest = Math.min(slowest, projection.path("position").asLong(0));
            }
            if (all) {
                return;
            }
            if (what != null && System.nanoTime() >= nextReport) {
                double seconds = (System.nanoTime() - started) / 1e9;
                Progress.say("%s: the slowest projection at %d of %d events after %.0f s (%.0f events/s)", what,
                             slowest, status.get("head").asLong(), seconds, slowest / seconds);
                nextReport += Duration.ofMinutes(1).toNanos();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the projections did not catch up within " + atMost);
    }

    private void waitForHealth() throws IOException, InterruptedException {
        // health says UP once the start-up jobs have run: with --demo, once the demo year is loaded
        long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped while starting");
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                                                   .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not start in time");
    }

    /** The last lines of the server's output. */
    String lastLines(int count) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The server's heap in use after a full collection (asked with jcmd), in MiB; NaN when jcmd is missing. */
    double heapAfterCollection() throws Exception {
        Process gc = new ProcessBuilder("jcmd", String.valueOf(process.pid()), "GC.run").redirectErrorStream(true)
                                                                                          .start();
        gc.getInputStream().readAllBytes();
        if (gc.waitFor() != 0) {
            return Double.NaN;
        }
        JsonNode heap = send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null, admin(), null);
        return heap.get("measurements").get(0).get("value").asDouble() / 1048576.0;
    }

    /** The server's JVM. */
    ProcessHandle process() {
        return process.toHandle();
    }

    /** SIGKILL: nothing released, no shutdown hook. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
