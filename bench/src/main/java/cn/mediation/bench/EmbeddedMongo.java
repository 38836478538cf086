package cn.mediation.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded MongoDB for the whole run: mongo-java-server on an H2 file in a fresh temporary directory, reached only
 * through the real driver over the loopback interface. Closing it stops the server and deletes the directory.
 */
final class EmbeddedMongo implements AutoCloseable {

    private final Path directory;
    private final H2Backend backend;
    private final MongoServer server;
    private final MongoClient client;
    private final Thread cleanUpOnExit;
    private boolean closed;

    EmbeddedMongo() {
        try {
            directory = Files.createTempDirectory("event-store-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backend = new H2Backend(directory.resolve("bench.mv").toString());
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        cleanUpOnExit = new Thread(this::close, "bench-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit);
    }

    /** A connection string for another process on this machine. */
    String uri() {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    MongoClient client() {
        return client;
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Forces the H2 store to write its pending changes to the file (the app's durability barrier). */
    void commit() {
        backend.commit();
    }

    long fileBytes() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } finally {
            try {
                server.shutdownNow();
            } finally {
                deleteDirectory();
            }
        }
        if (Thread.currentThread() != cleanUpOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the temporary store directory: " + e.getMessage());
        }
    }
}
