package cn.mediation.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * mongo-java-server's backend on an ordered key-value engine ({@link OrderedStore}: RocksDB by default, SQLite as
 * the alternative). Documents are stored as BSON, every index as ordered byte keys (unique and non-unique; equality,
 * {@code $in} and ranges are answered from them).
 * <p>
 * Every command that may write runs as one engine transaction under the store's write lock: the documents it
 * touches and all their index entries are committed together before the reply, so no index can fall behind its
 * document after a crash. With {@link Durability#FSYNC} the engine's log is also fsynced before the reply (shared by
 * the writers waiting at that moment), so an acknowledged write survives a power loss; with
 * {@link Durability#PROCESS} it survives a killed process, not a power loss.
 */
public final class StoreBackend extends AbstractMongoBackend {

    /** How far an acknowledged write is guaranteed to survive. */
    public enum Durability {
        /** fsync of the engine's log before each reply (one fsync for the writers waiting together). */
        FSYNC,
        /** committed to the operating system before each reply; a killed process loses nothing, a power loss may. */
        PROCESS
    }

    /** The engines a store can be kept in. */
    public enum Engine {
        ROCKSDB, SQLITE
    }

    private static final Logger log = LoggerFactory.getLogger(StoreBackend.class);
    private static final Set<String> READS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        READS.addAll(List.of("find", "getMore", "count", "distinct", "listCollections", "listIndexes",
                             "listDatabases", "ping", "isMaster", "hello", "buildInfo", "serverStatus", "dbStats",
                             "collStats", "killCursors", "endSessions", "whatsmyuri", "getLastError",
                             "connectionStatus", "getParameter", "hostInfo", "getCmdLineOpts", "getLog",
                             "getFreeMonitoringStatus", "explain"));
    }

    private final OrderedStore store;
    private final Durability durability;
    private final GroupSync groupSync;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Catalog catalog;
    private final java.util.concurrent.atomic.AtomicInteger deferring = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    StoreBackend(OrderedStore store, Durability durability) {
        this.store = store;
        this.durability = durability;
        this.groupSync = new GroupSync(store::sync);
        this.catalog = new Catalog(store);
        write(() -> {
            for (String database : catalog.databaseNames()) {
                log.info("Opening database '{}'", database);
                resolveDatabase(database);
            }
            return null;
        });
        log.info("Opened the store ({}) with durability {}", store.describe(), durability);
    }

    /** Opens (or creates) a store in {@code directory} on {@code engine}. */
    public static StoreBackend open(Engine engine, Path directory, Durability durability) {
        OrderedStore store = switch (engine) {
            case ROCKSDB -> new RocksStore(directory);
            case SQLITE -> new SqliteStore(directory);
        };
        try {
            return new StoreBackend(store, durability);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, store, catalog, getCursorRegistry());
    }

    /** Opening a database writes its catalog entries, also when a read names it first: that is a transaction. */
    @Override
    public MongoDatabase resolveDatabase(String databaseName) {
        if (listDatabaseNames().contains(databaseName)) {
            return super.resolveDatabase(databaseName);
        }
        return write(() -> super.resolveDatabase(databaseName));
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (READS.contains(command) || isReadOnlyAggregation(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        Document reply = write(() -> super.handleCommand(channel, databaseName, command, query));
        if (durability == Durability.FSYNC && deferring.get() == 0) {
            groupSync.sync();
        }
        return reply;
    }

    private static boolean isReadOnlyAggregation(String command, Document query) {
        if (!"aggregate".equalsIgnoreCase(command)) {
            return false;
        }
        Object pipeline = query.get("pipeline");
        if (!(pipeline instanceof List<?> stages)) {
            return true;
        }
        for (Object stage : stages) {
            if (stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge"))) {
                return false;
            }
        }
        return true;
    }

    private <T> T write(java.util.function.Supplier<T> work) {
        writeLock.lock();
        try {
            return store.inTransaction(work, MongoServerException.class);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs a bulk load that can be repeated from scratch with one fsync at its end instead of one per write; its
     * writes are still committed one by one.
     */
    public <T> T deferringSyncs(java.util.concurrent.Callable<T> bulkLoad) throws Exception {
        deferring.incrementAndGet();
        try {
            return bulkLoad.call();
        } finally {
            deferring.decrementAndGet();
            sync();
        }
    }

    /** Makes every acknowledged write survive a power loss now, whatever the durability setting. */
    public void sync() {
        groupSync.sync();
    }

    /**
     * Copies the store, consistent as of one moment, into {@code target} (a folder that must not exist yet) while it
     * keeps serving. A copy opens as a store of its own.
     */
    public void backup(Path target) {
        try {
            java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("Backup to " + target + " failed: " + e.getMessage(), e);
        }
        writeLock.lock();
        try {
            store.backup(target);
        } finally {
            writeLock.unlock();
        }
    }

    public long sizeOnDisk() {
        return store.sizeOnDisk();
    }

    public String describe() {
        return store.describe();
    }

    public Durability durability() {
        return durability;
    }

    /** Closes the store once (the server's shutdown closes its backend too). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            super.close();
            writeLock.lock();
            try {
                store.close();
            } finally {
                writeLock.unlock();
            }
        }
    }
}
