package cn.mediation.app.storage;

import cn.mediation.store.StoreBackend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server has no TTL monitor: expired login sessions are deleted by the application, live ones kept. */
class ExpiredSessionsTest {

    @Test
    void expiredSessionsAreDeletedAndLiveOnesKept(@TempDir Path directory) {
        StoreBackend backend = StoreBackend.open(StoreBackend.Engine.ROCKSDB, directory, StoreBackend.Durability.PROCESS);
        MongoServer server = new MongoServer(backend);
        try {
            InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                var database = client.getDatabase("sessions_test");
                MongoCollection<Document> sessions = database.getCollection("sessions");
                sessions.insertOne(new Document("_id", "expired")
                                           .append("expireAt", Date.from(Instant.now().minus(Duration.ofMinutes(1)))));
                sessions.insertOne(new Document("_id", "live")
                                           .append("expireAt", Date.from(Instant.now().plus(Duration.ofMinutes(30)))));
                new SessionConfiguration().expiredSessions(database).delete();
                List<Object> left = new ArrayList<>();
                sessions.find().forEach(session -> left.add(session.get("_id")));
                assertThat(left).containsExactly("live");
            }
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }
}
