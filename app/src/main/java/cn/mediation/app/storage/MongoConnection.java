package cn.mediation.app.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB the application talks to, always through the real driver: either the embedded server this process
 * started (then {@link #commit()} commits its H2 store, before each append is acknowledged) or the server named by
 * {@code MONGODB_URI}.
 */
public final class MongoConnection implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;
    private final String description;
    private final MongoServer embeddedServer;
    private final H2Backend embeddedBackend;
    /** On the embedded server: the writers waiting at the same moment share one H2 commit. */
    private final GroupCommit groupCommit;
    /** On the embedded server: the mark that the store is in use, removed by a clean close. */
    private final IndexRebuild openMark;

    MongoConnection(MongoClient client, MongoDatabase database, String description, MongoServer embeddedServer,
                    H2Backend embeddedBackend, IndexRebuild openMark) {
        this.client = client;
        this.database = database;
        this.description = description;
        this.embeddedServer = embeddedServer;
        this.embeddedBackend = embeddedBackend;
        this.groupCommit = embeddedBackend == null ? null : new GroupCommit(embeddedBackend::commit);
        this.openMark = openMark;
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

    private final java.util.concurrent.atomic.AtomicInteger deferring = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Makes acknowledged writes durable: on the embedded server, commits H2 to its file — one commit for all the
     * writers waiting at the same moment (see {@link GroupCommit}).
     */
    public void commit() {
        if (groupCommit != null && deferring.get() == 0) {
            groupCommit.commit();
        }
    }

    /**
     * Runs a bulk load that can be repeated from scratch (the demo data) with one commit at its end instead of one
     * per append. Never for users' work: their acknowledged steps are committed one by one.
     */
    public void deferringCommits(java.util.concurrent.Callable<?> bulkLoad) throws Exception {
        deferring.incrementAndGet();
        try {
            bulkLoad.call();
        } finally {
            deferring.decrementAndGet();
            commit();
        }
    }

    /** Closes the client, then (embedded) stops the server, closes the H2 store cleanly and removes the open mark. */
    @Override
    public void close() {
        client.close();
        if (embeddedServer != null) {
            embeddedServer.shutdownNow();
            embeddedBackend.close();
            if (openMark != null) {
                openMark.closed();
            }
        }
    }
}
