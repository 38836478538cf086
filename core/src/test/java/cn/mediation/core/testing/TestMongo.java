package cn.mediation.core.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import cn.mediation.store.StoreBackend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MongoDB that tests talk to, through the real driver over the wire protocol: the embedded server (the project's
 * store, in a temporary folder, committed to the operating system at each write) by default, or the server named by {@code MONGODB_URI}. Each caller gets a database of its own.
 */
public final class TestMongo {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** The key-encryption key of the personal-data keys tests store, for this run (held in memory only). */
    public static final cn.mediation.core.privacy.KeyEncryptionKeys KEKS =
            cn.mediation.core.privacy.KeyEncryptionKeys.random("test");
    private static MongoClient client;
    private static String connectionString;

    private TestMongo() {
    }

    public static synchronized MongoClient client() {
        if (client == null) {
            String uri = System.getenv("MONGODB_URI");
            if (uri == null || uri.isBlank()) {
                StoreBackend backend;
                try {
                    backend = StoreBackend.open(StoreBackend.Engine.ROCKSDB,
                                                java.nio.file.Files.createTempDirectory("test-mongo"),
                                                StoreBackend.Durability.PROCESS);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                MongoServer server = new MongoServer(backend);
                server.bind("127.0.0.1", 0);
                uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
                Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
            }
            connectionString = uri;
            client = MongoClients.create(uri);
        }
        return client;
    }

    public static synchronized String connectionString() {
        client();
        return connectionString;
    }

    public static boolean isExternal() {
        String uri = System.getenv("MONGODB_URI");
        return uri != null && !uri.isBlank();
    }

    /** A new, empty database for one test. */
    public static MongoDatabase freshDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        MongoDatabase database = client().getDatabase(name);
        database.drop();
        return database;
    }
}
