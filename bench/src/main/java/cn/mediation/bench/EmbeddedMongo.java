package cn.mediation.bench;

import cn.mediation.app.storage.ValueOrderedH2Backend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * One embedded MongoDB for the whole run: mongo-java-server on an H2 file (the app's backend,
 * {@link ValueOrderedH2Backend}) in a fresh temporary directory, reached only
 * through the real driver over the loopback interface. Closing it stops the server and deletes the directory.
 */
final class EmbeddedMongo implements AutoCloseable {

    private final Path directory;
    /** Whether closing deletes the directory (a temporary store) or leaves it (a store made for another process). */
    private final boolean temporary;
    private final H2Backend backend;
    private final MongoServer server;
    private final MongoClient client;
    private final Thread cleanUpOnExit;
    private boolean closed;

    EmbeddedMongo() {
        this(temporaryDirectory(), "bench.mv", true);
    }

    /** A store in {@code file}, left in place at close: e.g. the H2 file an app will open afterwards. */
    EmbeddedMongo(Path file) {
        this(file.toAbsolutePath().getParent(), file.getFileName().toString(), false);
    }

    private EmbeddedMongo(Path directory, String fileName, boolean temporary) {
        this(directory, new ValueOrderedH2Backend(MVStore.open(createDirectories(directory).resolve(fileName).toString())),
             temporary);
    }

    private EmbeddedMongo(Path directory, H2Backend backend, boolean temporary) {
        this.directory = directory;
        this.temporary = temporary;
        this.backend = backend;
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        cleanUpOnExit = new Thread(this::close, "bench-clean-up");
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit);
    }

    /**
     * The same backend with its store in this process's heap instead of a file: for stores larger than the H2 file
     * reopens safely (see the README's Storage section). Needs a heap several times the size of the data.
     */
    static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(null, ValueOrderedH2Backend.inMemory(), false);
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("event-store-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        if (directory == null) {
            return 0;
        }
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
                if (temporary) {
                    deleteDirectory();
                }
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
        try {
            FileSystemUtils.deleteRecursively(directory);
        } catch (IOException e) {
            System.err.println("could not delete the temporary store directory: " + e.getMessage());
        }
    }
}
