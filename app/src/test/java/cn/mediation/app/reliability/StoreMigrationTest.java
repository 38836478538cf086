package cn.mediation.app.reliability;

import cn.mediation.app.storage.ValueOrderedH2Backend;
import cn.mediation.app.support.ChildApplication;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A data folder written by the earlier embedded backend (H2) is migrated into the store at the first start of this
 * version: the application first works on an H2 file (reached through its URI, as that version did embedded), then
 * starts on the folder holding that file. Every acknowledged step is then in the history once, every stored step
 * projected, the projections equal a replay, the hash chains verify, and the H2 file is still there.
 */
class StoreMigrationTest {

    private static final String ADMIN_PASSWORD = "migration-admin-password";

    @Test
    void anH2DataFolderIsMigratedWithEveryStepAndHashIntact(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        Path h2File = data.resolve("mediation.mv.db");
        Path logFile = directory.resolve("app.log");
        // both starts wrap the personal-data keys by one key-encryption key
        List<String> common = List.of("mediation.privacy.kek-file=" + directory.resolve("personal-keys.kek"),
                                      "mediation.security.admin-password=" + ADMIN_PASSWORD,
                                      "mediation.security.bcrypt-strength=4",
                                      "mediation.sample-committees=true",
                                      "mediation.eventstore.hold-back=PT0.2S");
        LifecycleLoad load;
        ValueOrderedH2Backend h2 = new ValueOrderedH2Backend(MVStore.open(h2File.toString()));
        MongoServer server = new MongoServer(h2);
        try {
            server.bind("127.0.0.1", 0);
            List<String> onH2 = new java.util.ArrayList<>(common);
            onH2.add("mediation.mongo.uri=mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/mediation");
            // its keys where the second start, on the migrated store, finds them
            onH2.add("mediation.mongo.embedded.data-dir=" + data);
            try (ChildApplication first = new ChildApplication(logFile, onH2).start()) {
                LifecycleLoad.createUsers(first, ADMIN_PASSWORD);
                LifecycleLoad.awaitCommittees(first);
                load = new LifecycleLoad(first).start(2);
                await().atMost(Duration.ofSeconds(120)).until(() -> load.acknowledged() >= 60 || !first.alive());
                load.close();
                assertThat(load.refusals()).as("answers other than 2xx").isEmpty();
            }
        } finally {
            server.shutdownNow();
            h2.commit();
            h2.close();
        }

        List<String> embedded = new java.util.ArrayList<>(common);
        embedded.add("mediation.mongo.embedded.data-dir=" + data);
        try (ChildApplication second = new ChildApplication(logFile, embedded).start()) {
            assertThat(Files.readString(logFile)).contains("Migrated");
            StoreChecks.awaitCaughtUp(second, ADMIN_PASSWORD, Duration.ofSeconds(60));
            StoreChecks.assertEveryAcknowledgedStepStoredOnce(second, load.acks());
            StoreChecks.assertEveryStoredStepProjected(second, load.attempted());
            StoreChecks.assertProjectionsVerify(second);
            StoreChecks.assertAuditIntact(second);
        }
        assertThat(h2File).as("the H2 file is left for its owner to delete").exists();
        assertThat(data.resolve("store")).isDirectory();
        assertThat(data.resolve("store.migrating")).doesNotExist();
    }
}
