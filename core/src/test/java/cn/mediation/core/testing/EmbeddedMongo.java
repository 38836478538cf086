package cn.mediation.core.testing;

import cn.mediation.store.StoreBackend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded MongoDB server of a test's own on the project's store, reached through the real driver: in a temporary
 * folder removed at {@link #close()}, or in a folder that survives it so that a test can start a new server on it, as
 * after a restart. Each write is committed to the operating system before the reply (a killed process loses
 * nothing); {@code backend().sync()} fsyncs, as the application's durability barrier does.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final StoreBackend backend;
    private final MongoServer server;
    private final MongoClient client;
    private final String connectionString;
    private final Path temporary;

    private EmbeddedMongo(Path directory, boolean temporary) {
        this.backend = StoreBackend.open(StoreBackend.Engine.ROCKSDB, directory, StoreBackend.Durability.PROCESS);
        this.temporary = temporary ? directory : null;
        this.server = new MongoServer(backend);
        this.server.bind("127.0.0.1", 0);
        this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        this.client = MongoClients.create(connectionString);
    }

    public static EmbeddedMongo inMemory() {
        try {
            return new EmbeddedMongo(Files.createTempDirectory("embedded-mongo"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on the store in {@code directory}: opened if it exists, created otherwise. */
    public static EmbeddedMongo onFile(Path directory) {
        return new EmbeddedMongo(directory, false);
    }

    public StoreBackend backend() {
        return backend;
    }

    public MongoClient client() {
        return client;
    }

    public String connectionString() {
        return connectionString;
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** Stops the server and closes its store; a store in a folder of the test's keeps everything written to it. */
    @Override
    public void close() {
        client.close();
        server.shutdownNow();
        backend.close();
        if (temporary != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(temporary)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
