package cn.mediation.core.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Path;

/**
 * An embedded MongoDB server of a test's own, reached through the real driver: in memory, or on an H2 file that
 * survives {@link #close()} so that a test can start a new server on it, as after a restart.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final CopyingH2Backend backend;
    private final MongoServer server;
    private final MongoClient client;
    private final String connectionString;

    private EmbeddedMongo(CopyingH2Backend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        this.server.bind("127.0.0.1", 0);
        this.connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        this.client = MongoClients.create(connectionString);
    }

    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(CopyingH2Backend.inMemory());
    }

    /** A server on the H2 store in {@code file}: opened if it exists, created otherwise. */
    public static EmbeddedMongo onFile(Path file) {
        return new EmbeddedMongo(CopyingH2Backend.inFile(file.toString()));
    }

    public CopyingH2Backend backend() {
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

    /** Stops the server and closes its store; a file store keeps everything written to it. */
    @Override
    public void close() {
        client.close();
        server.shutdownNow();
        backend.close();
    }
}
