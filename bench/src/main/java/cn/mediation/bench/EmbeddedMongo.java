package cn.mediation.bench;

import cn.mediation.app.storage.ValueOrderedH2Backend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import cn.mediation.store.StoreBackend;
import de.bwaldvogel.mongo.MongoBackend;
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
 * One embedded MongoDB for the whole run: mongo-java-server on the app's store ({@link StoreBackend}, RocksDB; or
 * {@code -Dbench.store=sqlite}, or {@code -Dbench.store=h2} for the earlier {@link ValueOrderedH2Backend}) in a fresh
 * temporary directory, reached only
 * through the real driver over the loopback interface. Closing it stops the server and deletes the directory.
 */
final class EmbeddedMongo implements AutoCloseable {

    private final Path directory;
    /** Whether closing deletes the directory (a temporary store) or leaves it (a store made for another process). */
    private final boolean temporary;
    private final MongoBackend backend;
    private final Runnable commit;
    private final MongoServer server;
    private final MongoClient client;
    private final Thread cleanUpOnExit;
    private boolean closed;

    EmbeddedMongo() {
        this(System.getProperty("bench.store", "rocksdb"));
    }

    /** A temporary store on the backend {@code store} names (rocksdb, sqlite or h2), deleted at close. */
    EmbeddedMongo(String store) {
        this(temporaryDirectory(), store, true);
    }

    /** A store in {@code directory}, left in place at close: e.g. the store an app will open afterwards. */
    EmbeddedMongo(Path directory) {
        this(directory, System.getProperty("bench.store", "rocksdb"), false);
    }

    private EmbeddedMongo(Path directory, String store, boolean temporary) {
        this(directory, open(createDirectories(directory), store.toLowerCase(java.util.Locale.ROOT)), temporary);
    }

    /**
     * The backend {@code store} names, in {@code directory}, opened as the app opens it: the store commits each
     * write command to the operating system and the event store's barrier ({@link #commit()}) makes an append
     * durable — an fsync unless {@code -Dbench.durability=process}; H2's commit for the earlier backend.
     */
    private static MongoBackend open(Path directory, String store) {
        return switch (store) {
            case "h2" -> new ValueOrderedH2Backend(MVStore.open(directory.resolve("bench.mv").toString()));
            case "sqlite" -> StoreBackend.open(StoreBackend.Engine.SQLITE, directory, StoreBackend.Durability.PROCESS);
            case "rocksdb" -> StoreBackend.open(StoreBackend.Engine.ROCKSDB, directory, StoreBackend.Durability.PROCESS);
            default -> throw new IllegalArgumentException("bench.store: rocksdb, sqlite or h2, not " + store);
        };
    }

    private static boolean fsync() {
        return !"process".equalsIgnoreCase(System.getProperty("bench.durability", "fsync"));
    }

    private EmbeddedMongo(Path directory, MongoBackend backend, boolean temporary) {
        this.directory = directory;
        this.temporary = temporary;
        this.backend = backend;
        if (backend instanceof H2Backend h2) {
            this.commit = h2::commit;
        } else {
            StoreBackend store = (StoreBackend) backend;
            this.commit = fsync() ? store::sync : () -> { };
        }
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

    /** Makes what was written durable: H2's commit, or the store's fsync (nothing with bench.durability=process). */
    void commit() {
        commit.run();
    }

    String describe() {
        return backend instanceof StoreBackend store
               ? store.describe() + (fsync() ? ", fsync per append" : ", OS buffers (no fsync)")
               : "H2 MVStore (value-ordered indexes), H2 commit per append";
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
