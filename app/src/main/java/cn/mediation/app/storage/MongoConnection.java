package cn.mediation.app.storage;

import cn.mediation.store.StoreBackend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MongoDB the application talks to, always through the real driver: either the embedded server this process
 * started on the project's store (which commits each write before it replies) or the server named by
 * {@code MONGODB_URI}.
 */
public final class MongoConnection implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;
    private final String description;
    private final DomainSocketServer socketServer;
    /** A TCP port opened for inspection on request, or null. */
    private final MongoServer inspectionServer;
    private final StoreBackend embeddedBackend;
    private final Path dataDirectory;
    /** On the embedded store: whether {@link #commit()} fsyncs (durability fsync) or only commits (process). */
    private final boolean fsync;
    private final AtomicInteger deferring = new AtomicInteger();

    MongoConnection(MongoClient client, MongoDatabase database, String description, DomainSocketServer socketServer,
                    MongoServer inspectionServer, StoreBackend embeddedBackend, Path dataDirectory, boolean fsync) {
        this.fsync = fsync;
        this.client = client;
        this.database = database;
        this.description = description;
        this.socketServer = socketServer;
        this.inspectionServer = inspectionServer;
        this.embeddedBackend = embeddedBackend;
        this.dataDirectory = dataDirectory;
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase database() {
        return database;
    }

    public String description() {
        return description;
    }

    public boolean embedded() {
        return embeddedBackend != null;
    }

    /** The embedded store, or null on an external MongoDB. */
    public StoreBackend store() {
        return embeddedBackend;
    }

    /** The Unix domain socket the embedded server answers on, or null on an external MongoDB. */
    public Path socket() {
        return socketServer == null ? null : socketServer.socket();
    }

    /** Where the embedded store keeps its files and backups, or null on an external MongoDB. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Makes acknowledged writes survive a power loss, before a step is acknowledged (the event store's durability
     * barrier): on the embedded store with durability fsync, one fsync of the engine's log shared by the writers
     * waiting at that moment. Each write is committed to the operating system before the store replies anyway, so
     * with durability process (and on an external MongoDB, asked for journaled majority writes) nothing is left to do.
     */
    public void commit() {
        if (embeddedBackend != null && fsync && deferring.get() == 0) {
            embeddedBackend.sync();
        }
    }

    /**
     * Runs a bulk load that can be repeated from scratch (the demo data) with one fsync at its end instead of one
     * per append. Never for users' work.
     */
    public void deferringCommits(Callable<?> bulkLoad) throws Exception {
        deferring.incrementAndGet();
        try {
            bulkLoad.call();
        } finally {
            deferring.decrementAndGet();
            commit();
        }
    }

    /** Closes the client, then (embedded) stops the server and closes the store cleanly. */
    @Override
    public void close() {
        client.close();
        if (socketServer != null) {
            socketServer.close();
        }
        if (inspectionServer != null) {
            inspectionServer.shutdownNow();
        }
        if (embeddedBackend != null) {
            embeddedBackend.close();
        }
    }
}
