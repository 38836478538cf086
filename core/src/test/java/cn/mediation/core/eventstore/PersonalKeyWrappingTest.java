package cn.mediation.core.eventstore;

import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeSource;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.PartyRole;
import cn.mediation.core.json.Json;
import cn.mediation.core.privacy.KeyEncryptionKeys;
import cn.mediation.core.privacy.KeyEncryptionKeys.PersonalKeyUnavailable;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-dispute keys are stored wrapped by a key-encryption key the database does not hold: a copy of the
 * database alone opens no personal data; a new KEK takes over the old keys by rewrapping; keys an earlier store kept
 * in the clear are still read, and wrapped.
 */
class PersonalKeyWrappingTest {

    private static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
    private static final String NAME = "诸葛孔明";
    private static final String ENTRY_1 = KeyEncryptionKeys.generateEntry("1");
    private static final String ENTRY_2 = KeyEncryptionKeys.generateEntry("2");

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
    }

    private MongoEventStorageEngine engine(KeyEncryptionKeys keks) {
        return MongoEventStorageEngine.builder().database(database).eventSerializer(SERIALIZER)
                                      .snapshotSerializer(SERIALIZER)
                                      .payloadCodec(new PersonalDataCodec(new PersonalKeyVault(database, keks)))
                                      .build();
    }

    private String store(KeyEncryptionKeys keks) {
        String id = UUID.randomUUID().toString();
        engine(keks).appendEvents(new GenericDomainEventMessage<>("Dispute", id, 0, new DisputeRegisteredEvent(
                id, "2026-511902101001-0001", "C511902101001", "511902101001", "NEIGHBOURS", DisputeSource.APPLICATION,
                "宅前排水沟纠纷", LocalDate.of(2026, 3, 2), null, 1, new BigDecimal("100.00"),
                List.of(new Party(PartyRole.APPLICANT, NAME, null, "13812345678")), "clerk-wang")));
        return id;
    }

    private String nameRead(KeyEncryptionKeys keks, String id) {
        return ((DisputeRegisteredEvent) aggregateEvents(engine(keks), id).get(0).getPayload()).parties().get(0).name();
    }

    private Document stored(String id) {
        return database.getCollection(PersonalKeyVault.COLLECTION).find(eq("_id", id)).first();
    }

    private static void unavailable(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(PersonalKeyUnavailable.class);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theStoredDocumentHoldsNoKeyAndTheDatabaseWithoutTheKekOpensNothing() {
        KeyEncryptionKeys keks = KeyEncryptionKeys.parse(ENTRY_1, "test");
        String id = store(keks);
        byte[] key = new PersonalKeyVault(database, keks).keyForReading(id).orElseThrow().getEncoded();
        assertThat(key).hasSize(32);

        // the document exactly as the driver reads it off the wire
        RawBsonDocument raw = database.getCollection(PersonalKeyVault.COLLECTION, RawBsonDocument.class)
                                      .find(eq("_id", id)).first();
        ByteBuffer buffer = raw.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        assertThat(contains(bytes, key)).as("the key's bytes in the stored document").isFalse();
        assertThat(raw.keySet()).doesNotContain("key").contains("wrapped", "kek");
        assertThat(raw.getString("kek").getValue()).isEqualTo("1");

        Document before = stored(id);
        // the database with another KEK of the same name, or of another: nothing opens, nothing reads as erased
        for (KeyEncryptionKeys other : List.of(KeyEncryptionKeys.random("1"), KeyEncryptionKeys.random("2"))) {
            assertThatThrownBy(() -> nameRead(other, id)).satisfies(PersonalKeyWrappingTest::unavailable)
                                                         .satisfies(e -> assertThat(e.toString()).doesNotContain(NAME));
            PersonalKeyVault vault = new PersonalKeyVault(database, other);
            assertThatThrownBy(() -> vault.keyForWriting(id)).isInstanceOf(PersonalKeyUnavailable.class);
            assertThat(vault.rewrap().unavailable()).isEqualTo(1);
        }
        assertThat(stored(id)).as("left as it was").isEqualTo(before);
        assertThat(nameRead(keks, id)).isEqualTo(NAME);
    }

    @Test
    void aNewKekTakesOverTheKeysOfTheOldOneByRewrapping() {
        KeyEncryptionKeys old = KeyEncryptionKeys.parse(ENTRY_1, "test");
        String first = store(old);
        String second = store(old);
        String erased = store(old);
        new PersonalKeyVault(database, old).erase(erased);

        KeyEncryptionKeys onlyNew = KeyEncryptionKeys.parse(ENTRY_2, "test");
        assertThatThrownBy(() -> nameRead(onlyNew, first)).satisfies(PersonalKeyWrappingTest::unavailable);

        KeyEncryptionKeys both = KeyEncryptionKeys.parse(ENTRY_1 + "\n" + ENTRY_2 + "\n", "test");
        assertThat(both.currentVersion()).isEqualTo("2");
        assertThat(nameRead(both, first)).as("an old key reads before the rotation").isEqualTo(NAME);
        String created = store(both);
        assertThat(stored(created).getString("kek")).isEqualTo("2");

        PersonalKeyVault.Rewrap done = new PersonalKeyVault(database, both).rewrap();
        assertThat(done.rewrapped()).isEqualTo(2);
        assertThat(done.alreadyCurrent()).isEqualTo(1);
        assertThat(done.unavailable()).isZero();
        assertThat(new PersonalKeyVault(database, both).rewrap().rewrapped()).as("a second pass").isZero();

        for (String id : List.of(first, second, created)) {
            assertThat(stored(id).getString("kek")).isEqualTo("2");
            assertThat(nameRead(onlyNew, id)).as("read with the new KEK alone").isEqualTo(NAME);
        }
        assertThatThrownBy(() -> nameRead(old, first)).satisfies(PersonalKeyWrappingTest::unavailable);
        assertThat(stored(erased).keySet()).doesNotContain("key", "wrapped");
        assertThat(nameRead(onlyNew, erased)).as("erased stays erased").isNull();
    }

    @Test
    void aStartRewrapsOnlyWhatIsOutdatedAndProvesTheKekOnOneCurrentKey() {
        KeyEncryptionKeys old = KeyEncryptionKeys.parse(ENTRY_1, "test");
        String first = store(old);
        String second = store(old);
        KeyEncryptionKeys both = KeyEncryptionKeys.parse(ENTRY_1 + "\n" + ENTRY_2 + "\n", "test");
        String created = store(both);

        PersonalKeyVault.Rewrap done = new PersonalKeyVault(database, both).rewrapOutdated();
        assertThat(done.rewrapped()).isEqualTo(2);
        assertThat(done.alreadyCurrent()).as("one current key opened, as proof").isEqualTo(1);
        assertThat(done.unavailable()).isZero();
        for (String id : List.of(first, second, created)) {
            assertThat(stored(id).getString("kek")).isEqualTo("2");
        }
        // a KEK of the right version but the wrong bytes: the sampled key does not open, and the start is refused
        KeyEncryptionKeys wrong = KeyEncryptionKeys.random("2");
        assertThat(new PersonalKeyVault(database, wrong).rewrapOutdated().unavailable()).isEqualTo(1);
    }

    @Test
    void aKeyAnEarlierStoreKeptInTheClearStillReadsAndIsWrapped() {
        KeyEncryptionKeys keks = KeyEncryptionKeys.parse(ENTRY_1, "test");
        String readFirst = store(keks);
        String atRewrap = store(keks);
        for (String id : List.of(readFirst, atRewrap)) {
            // what an earlier version stored: the key itself
            byte[] key = new PersonalKeyVault(database, keks).keyForReading(id).orElseThrow().getEncoded();
            database.getCollection(PersonalKeyVault.COLLECTION).replaceOne(
                    eq("_id", id), new Document("_id", id).append("key", new Binary(key)).append("createdAt", new Date()));
            assertThat(stored(id).keySet()).contains("key").doesNotContain("wrapped");
        }

        assertThat(nameRead(keks, readFirst)).isEqualTo(NAME);
        assertThat(stored(readFirst).keySet()).as("wrapped when read").doesNotContain("key").contains("wrapped");
        assertThat(stored(readFirst).getString("kek")).isEqualTo("1");

        PersonalKeyVault.Rewrap done = new PersonalKeyVault(database, keks).rewrap();
        assertThat(done.wrappedFromClear()).isEqualTo(1);
        assertThat(stored(atRewrap).keySet()).doesNotContain("key").contains("wrapped");
        for (String id : List.of(readFirst, atRewrap)) {
            assertThat(nameRead(keks, id)).isEqualTo(NAME);
        }
    }
}
