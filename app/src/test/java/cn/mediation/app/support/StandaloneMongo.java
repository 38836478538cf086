package cn.mediation.app.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * mongo-java-server with its H2 backend in a process of its own, so that a test can take the application's database
 * away (stop this process) and bring it back on the same file and port, as an operator restarts a MongoDB. The
 * process closes the H2 store cleanly on SIGTERM or when its standard input closes: what it acknowledged before the
 * stop is on disk when it comes back.
 * <p>
 * {@code main(port, file)} prints {@value #READY} once it listens. {@link #start} runs it from a test.
 */
public final class StandaloneMongo {

    public static final String READY = "READY";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        H2Backend backend = new H2Backend(args[1]);
        MongoServer server = new MongoServer(backend);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            backend.close();
        }, "close-h2"));
        server.bind("127.0.0.1", port);
        System.out.println(READY);
        System.out.flush();
        try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (input.readLine() != null) {
                // nothing to read: the parent closing this stream is the signal to stop
            }
        }
        System.exit(0);
    }

    /** Starts it in a child JVM on the port and H2 file (its output appended to the log), and waits until it listens. */
    public static Process start(int port, Path file, Path log) throws IOException {
        long before = readyLines(log);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                             "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                                             StandaloneMongo.class.getName(), Integer.toString(port), file.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the standalone MongoDB exited: " + Files.readString(log));
            }
            return readyLines(log) > before;
        });
        return process;
    }

    private static long readyLines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(READY::equals).count() : 0;
    }

    /** Stops it as an operator would (SIGTERM, the H2 store closed cleanly) and waits until it is gone. */
    public static void stop(Process process) {
        process.destroy();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    private StandaloneMongo() {
    }
}
