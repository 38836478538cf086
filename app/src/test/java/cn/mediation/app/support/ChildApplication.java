package cn.mediation.app.support;

import cn.mediation.app.MediationApplication;
import cn.mediation.app.support.AppTestBase.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real application in a JVM of its own, started the way an operator starts it ({@code MediationApplication.main}
 * with command-line settings), so that a test can do to it what happens to a server: kill it with SIGKILL, or take
 * its database away. Talks to it over real HTTP with HTTP Basic; a connection error surfaces as {@link IOException},
 * which tells "no answer" from any answer.
 */
public final class ChildApplication implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path log;
    private final List<String> settings;
    private Process process;
    private int port;

    /** {@code settings} are {@code name=value} pairs passed as {@code --name=value}; the HTTP port is chosen here. */
    public ChildApplication(Path log, List<String> settings) {
        this.log = log;
        this.settings = List.copyOf(settings);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the application (its output appended to the log file) and waits until its health says UP. */
    public ChildApplication start() throws IOException {
        port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MediationApplication.class.getName(), "--server.port=" + port));
        settings.forEach(setting -> command.add("--" + setting));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                                             .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                                             .start();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with " + process.exitValue() + "; its log:\n"
                                                 + tail());
            }
            return healthStatus() == 200;
        });
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no clean close of anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The HTTP status of {@code /actuator/health}: 200 when UP, 503 when DOWN, -1 without an answer. */
    public int healthStatus() {
        try {
            return send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(20)).GET().build())
                    .status();
        } catch (IOException e) {
            return -1;
        }
    }

    public Response get(String username, String password, String path) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET()
                               .header("Authorization", basic(username, password)).build());
    }

    public Response post(String username, String password, String path, Object body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                                                 .POST(HttpRequest.BodyPublishers.ofString(
                                                         body == null ? "" : JSON.writeValueAsString(body)))
                                                 .header("Content-Type", "application/json")
                                                 .header("Authorization", basic(username, password));
        headers.forEach(request::header);
        return send(request.build());
    }

    public Response put(String username, String password, String path, Object body) throws IOException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                               .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                               .header("Content-Type", "application/json")
                               .header("Authorization", basic(username, password)).build());
    }

        /** The last lines of the application's log, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode body = null;
            if (text != null && !text.isBlank()) {
                try {
                    body = JSON.readTree(text);
                } catch (IOException notJson) {
                    body = JSON.getNodeFactory().textNode(text);
                }
            }
            return new Response(response.statusCode(), body,
                                response.headers().firstValue("Content-Type").orElse(""), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The address of a path on this instance, for a test that talks to it with a client of its own. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                                                                     .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
