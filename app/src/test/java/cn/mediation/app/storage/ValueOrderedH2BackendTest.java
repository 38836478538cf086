package cn.mediation.app.storage;

import cn.mediation.store.StoreBackend;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data folder the stock H2 backend wrote (its indexes in the order of the keys' Java serialization) is read through
 * the value-ordered backend and migrated into the store: every document is found through every index, duplicates
 * are still rejected, and a second start opens the migrated store as it is.
 */
class ValueOrderedH2BackendTest {

    private static final int DOCUMENTS = 400;

    private static MongoConnection open(Path directory) {
        return MongoConfiguration.open(MongoSettings.embeddedIn(directory, "ordered", StoreBackend.Engine.ROCKSDB,
                                                                 StoreBackend.Durability.FSYNC));
    }

    /** Keys whose serialized order differs from their value order: lengths differ, numbers go below zero. */
    private static Document document(int i) {
        return new Document("_id", "k" + i).append("stream", "s" + (i % 7)).append("seq", (long) (i - DOCUMENTS / 2));
    }

    @Test
    void aFolderTheStockBackendWroteIsMigratedWithEveryKeyFound(@TempDir Path directory) {
        H2Backend stock = new H2Backend(directory.resolve("mediation.mv.db").toString());
        MongoServer server = new MongoServer(stock);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> events = client.getDatabase("ordered").getCollection("events");
            events.createIndex(Indexes.ascending("stream", "seq"), new IndexOptions().unique(true).name("stream_seq"));
            for (int i = 0; i < DOCUMENTS; i++) {
                events.insertOne(document(i));
            }
        } finally {
            server.shutdownNow();
        }

        for (int reopen = 0; reopen < 2; reopen++) {
            try (MongoConnection connection = open(directory)) {
                MongoCollection<Document> events = connection.database().getCollection("events");
                List<Integer> missing = new ArrayList<>();
                for (int i = 0; i < DOCUMENTS; i++) {
                    Document expected = document(i);
                    boolean byId = events.find(new Document("_id", expected.get("_id"))).first() != null;
                    boolean byStream = events.find(new Document("stream", expected.get("stream"))
                                                           .append("seq", expected.get("seq"))).first() != null;
                    if (!byId || !byStream) {
                        missing.add(i);
                    }
                }
                assertThat(missing).as("documents not found through an index, open %d", reopen + 1).isEmpty();
                assertThatThrownBy(() -> events.insertOne(new Document("_id", "k17")))
                        .as("a duplicate _id").isInstanceOf(MongoWriteException.class);
                assertThatThrownBy(() -> events.insertOne(new Document("_id", "other-" + System.nanoTime())
                                                                  .append("stream", "s3").append("seq", 3L - 200)))
                        .as("a duplicate (stream, seq)").isInstanceOf(MongoWriteException.class);
                assertThat(events.countDocuments()).isEqualTo(DOCUMENTS);
            }
        }
        assertThat(directory.resolve("store")).as("the migrated store").isDirectory();
        assertThat(directory.resolve("store.migrating")).as("no half-migrated copy").doesNotExist();
        assertThat(directory.resolve("mediation.mv.db")).as("the H2 file, kept for its owner").exists();
    }

    @Test
    void keysCompareByValue() {
        ValueOrderedH2Backend.KeyValueType type = new ValueOrderedH2Backend.KeyValueType();
        assertThat(type.compare(new KeyValue("k9"), new KeyValue("k10"))).isPositive();
        assertThat(type.compare(new KeyValue(-5L), new KeyValue(3L))).isNegative();
        assertThat(type.compare(new KeyValue("s1", 2L), new KeyValue("s1", 10L))).isNegative();
        assertThat(type.compare(new KeyValue("s1", 2L), new KeyValue("s1", 2L))).isZero();
        // values of different types still order one way, whichever comes first
        List<Object> values = List.of("a", 1L, 2.5, true, Missing.getInstance(), new de.bwaldvogel.mongo.bson.Document("x", 1));
        for (Object a : values) {
            for (Object b : values) {
                int ab = type.compare(new KeyValue(a), new KeyValue(b));
                int ba = type.compare(new KeyValue(b), new KeyValue(a));
                assertThat(Integer.signum(ab)).as("%s against %s", a, b).isEqualTo(-Integer.signum(ba));
                assertThat(ab == 0).as("%s against %s", a, b).isEqualTo(a.equals(b));
            }
        }
    }
}
