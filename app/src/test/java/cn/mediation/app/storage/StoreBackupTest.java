package cn.mediation.app.storage;

import cn.mediation.app.support.AppTestBase;
import cn.mediation.store.StoreBackend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/admin/store/backup} copies the embedded store while the server serves: the copy opens as a store
 * of its own and holds the steps acknowledged before it; only an administrator of the whole deployment may take one.
 */
class StoreBackupTest extends AppTestBase {

    private static final String VILLAGE = "511923101002";

    @Test
    void aBackupTakenWhileServingOpensWithEveryAcknowledgedStep() {
        String id = register(VILLAGE, "NEIGHBOURS", "APPLICATION", "2026-03-02");
        accept(id, "2026-03-03");

        Response backup = postAs(ADMIN, "/api/admin/store/backup", Map.of());
        assertThat(backup.status()).as(String.valueOf(backup.body())).isEqualTo(201);
        Path copy = Path.of(backup.body().get("directory").asText());
        // the server keeps serving after the copy
        accept(register(VILLAGE, "NEIGHBOURS", "APPLICATION", "2026-03-04"), "2026-03-05");

        StoreBackend store = StoreBackend.open(StoreBackend.Engine.ROCKSDB, copy, StoreBackend.Durability.PROCESS);
        MongoServer server = new MongoServer(store);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            String database = "apptest_" + ProcessHandle.current().pid();
            long steps = client.getDatabase(database).getCollection("events")
                               .countDocuments(new Document("aggregateIdentifier", id));
            assertThat(steps).as("the dispute's registration and screening in the copy").isEqualTo(2);
        } finally {
            server.shutdownNow();
        }
    }

    private void accept(String id, String date) {
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", date));
    }

    @Test
    void onlyAnAdministratorOfTheWholeDeploymentTakesABackup() {
        user("admin-village-backup", "ADMIN", VILLAGE);
        assertThat(postAs("admin-village-backup", "/api/admin/store/backup", Map.of()).status()).isEqualTo(403);
        assertThat(postAs(MEDIATOR, "/api/admin/store/backup", Map.of()).status()).isEqualTo(403);
    }
}
