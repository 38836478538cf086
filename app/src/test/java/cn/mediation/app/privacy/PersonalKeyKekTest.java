package cn.mediation.app.privacy;

import cn.mediation.app.storage.MongoConnection;
import cn.mediation.app.support.AppTestBase;
import cn.mediation.core.privacy.KeyEncryptionKeys;
import cn.mediation.core.privacy.PersonalKeyVault;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The running application wraps each dispute's key by the key-encryption key generated at its first start in the
 * data folder (owner-only), and a start with a KEK that does not open the stored keys is refused rather than
 * reading every dispute as erased.
 */
class PersonalKeyKekTest extends AppTestBase {

    private static final String VILLAGE = "511921101003";

    @Value("${mediation.mongo.embedded.data-dir}")
    private String dataDir;
    @Autowired
    private MongoConnection mongo;

    @Test
    void aRegisteredDisputesKeyIsStoredWrappedByTheKekInTheDataFolder() throws Exception {
        Path file = Path.of(dataDir).resolve("personal-keys.kek");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyEncryptionKeys.parse(Files.readString(file), "file").currentVersion()).isEqualTo("1");

        String id = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        Document stored = mongo.database().getCollection(PersonalKeyVault.COLLECTION).find(eq("_id", id)).first();
        assertThat(stored).isNotNull();
        assertThat(stored.keySet()).doesNotContain("key").contains("wrapped");
        assertThat(stored.getString("kek")).isEqualTo("1");
        // the projection read the event through the wrapped key
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                                 .until(() -> getAs(MEDIATOR, "/api/disputes/" + id).status() == 200);

        KeyEncryptionKeys wrong = KeyEncryptionKeys.random("1");
        PersonalKeyVault elsewhere = new PersonalKeyVault(mongo.database(), wrong);
        assertThatThrownBy(() -> cn.mediation.app.axon.PersonalKeyKek.rewrapAtStart(elsewhere, wrong))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not open");
    }
}
