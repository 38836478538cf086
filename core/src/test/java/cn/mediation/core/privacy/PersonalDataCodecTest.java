package cn.mediation.core.privacy;

import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.MediationSessionRecordedEvent;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.testing.TestMongo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.mediation.core.privacy.PrivacySamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataCodecTest {

    private static final String REGISTERED = DisputeRegisteredEvent.class.getName();
    private static final String SESSION = MediationSessionRecordedEvent.class.getName();

    private MongoDatabase database;
    private PersonalKeyVault vault;
    private PersonalDataCodec codec;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        vault = new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS);
        codec = new PersonalDataCodec(vault);
    }

    private static JsonNode tree(Object payload) {
        return SERIALIZER.serialize(payload, JsonNode.class).getData();
    }

    private static <T> T back(JsonNode tree, Class<T> type) {
        return SERIALIZER.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class,
                                                                   new SimpleSerializedType(type.getName(), "1")));
    }

    @Test
    void everyPersonalFieldIsStoredAsCiphertextAndNothingElseChanges() {
        JsonNode clear = tree(registered(DISPUTE));
        JsonNode stored = codec.encode(DISPUTE, REGISTERED, clear.deepCopy());

        for (JsonNode party : stored.get("parties")) {
            for (String field : List.of("name", "idNumber", "phone")) {
                assertThat(party.get(field).textValue()).as(field).startsWith(FieldCipher.PREFIX);
            }
            assertThat(party.get("role").textValue()).isIn("APPLICANT", "RESPONDENT");
        }
        ObjectNode rest = ((ObjectNode) stored.deepCopy());
        rest.remove("parties");
        ObjectNode clearRest = ((ObjectNode) clear.deepCopy());
        clearRest.remove("parties");
        assertThat(rest).isEqualTo(clearRest);
        CLEAR.forEach(value -> assertThat(stored.toString()).doesNotContain(value));
    }

    @Test
    void decodingGivesBackTheEvent() {
        JsonNode stored = codec.encode(DISPUTE, REGISTERED, tree(registered(DISPUTE)));
        JsonNode decoded = codec.decode(DISPUTE, REGISTERED, stored.deepCopy());
        assertThat(back(decoded, DisputeRegisteredEvent.class)).isEqualTo(registered(DISPUTE));

        JsonNode session = codec.encode(DISPUTE, SESSION, tree(session(DISPUTE)));
        assertThat(session.get("attendees").get(0).textValue()).startsWith(FieldCipher.PREFIX);
        assertThat(back(codec.decode(DISPUTE, SESSION, session), MediationSessionRecordedEvent.class))
                .isEqualTo(session(DISPUTE));
    }

    @Test
    void afterErasureThePersonalFieldsReadAsNullAndTheRestStays() {
        JsonNode stored = codec.encode(DISPUTE, REGISTERED, tree(registered(DISPUTE)));
        JsonNode session = codec.encode(DISPUTE, SESSION, tree(session(DISPUTE)));
        vault.erase(DISPUTE);

        DisputeRegisteredEvent erased = back(codec.decode(DISPUTE, REGISTERED, stored), DisputeRegisteredEvent.class);
        assertThat(erased.parties()).extracting(Party::name, Party::idNumber, Party::phone)
                                    .containsOnly(org.assertj.core.groups.Tuple.tuple(null, null, null));
        assertThat(erased.parties()).extracting(Party::role).containsExactly(
                registered(DISPUTE).parties().get(0).role(), registered(DISPUTE).parties().get(1).role());
        assertThat(erased.caseNumber()).isEqualTo(registered(DISPUTE).caseNumber());
        assertThat(back(codec.decode(DISPUTE, SESSION, session), MediationSessionRecordedEvent.class).attendees())
                .containsExactly(null, null);
    }

    @Test
    void aWriteAfterErasureStoresNullAndMakesNoNewKey() {
        vault.erase(DISPUTE);
        JsonNode stored = codec.encode(DISPUTE, REGISTERED, tree(registered(DISPUTE)));
        for (JsonNode party : stored.get("parties")) {
            assertThat(party.get("name").isNull()).isTrue();
            assertThat(party.get("idNumber").isNull()).isTrue();
        }
        assertThat(vault.keyForReading(DISPUTE)).isEmpty();
        assertThat(vault.isErased(DISPUTE)).isTrue();
    }

    @Test
    void erasingTwiceIsFineAndKeepsTheFirstDate() {
        codec.encode(DISPUTE, REGISTERED, tree(registered(DISPUTE)));
        vault.erase(DISPUTE);
        Object first = database.getCollection(PersonalKeyVault.COLLECTION).find().first().get("erasedAt");
        vault.erase(DISPUTE);
        Document tombstone = database.getCollection(PersonalKeyVault.COLLECTION).find().first();
        assertThat(tombstone.get("key")).isNull();
        assertThat(tombstone.get("erasedAt")).isEqualTo(first);
        assertThat(database.getCollection(PersonalKeyVault.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void eachDisputeHasAKeyOfItsOwnAndACiphertextMovedToAnotherDisputeDoesNotOpen() {
        String other = "0b7c6f8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d";
        JsonNode mine = codec.encode(DISPUTE, REGISTERED, tree(registered(DISPUTE)));
        codec.encode(other, REGISTERED, tree(registered(other)));
        assertThat(vault.keyForReading(DISPUTE).orElseThrow().getEncoded())
                .isNotEqualTo(vault.keyForReading(other).orElseThrow().getEncoded());
        assertThatThrownBy(() -> codec.decode(other, REGISTERED, mine.deepCopy()))
                .isInstanceOf(PersonalDataException.class);
    }

    @Test
    void swappingTwoPartiesCiphertextsIsDetected() {
        JsonNode stored = codec.encode(DISPUTE, REGISTERED, tree(registered(DISPUTE)));
        ArrayNode parties = (ArrayNode) stored.get("parties");
        JsonNode first = parties.get(0).get("idNumber");
        ((ObjectNode) parties.get(0)).set("idNumber", parties.get(1).get("idNumber"));
        ((ObjectNode) parties.get(1)).set("idNumber", first);
        assertThatThrownBy(() -> codec.decode(DISPUTE, REGISTERED, stored)).isInstanceOf(PersonalDataException.class);
    }

    @Test
    void clearValuesStoredBeforeTheCodecPassThrough() {
        JsonNode legacy = tree(registered(DISPUTE));
        assertThat(back(codec.decode(DISPUTE, REGISTERED, legacy.deepCopy()), DisputeRegisteredEvent.class))
                .isEqualTo(registered(DISPUTE));
        assertThat(vault.keyForReading(DISPUTE)).as("reading never creates a key").isEmpty();
    }

    @Test
    void eventsWithoutPersonalDataAreUntouchedAndNeedNoKey() {
        JsonNode closed = tree(new cn.mediation.core.dispute.DisputeClosedEvent(DISPUTE, "结案", null, "clerk"));
        assertThat(codec.encode(DISPUTE, closed.getClass().getName(), closed.deepCopy())).isEqualTo(closed);
        assertThat(codec.encode(null, "no.such.Type", closed.deepCopy())).isEqualTo(closed);
        assertThat(database.getCollection(PersonalKeyVault.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void personalDataOutsideAnAggregateIsRefused() {
        assertThatThrownBy(() -> codec.encode(null, REGISTERED, tree(registered(DISPUTE))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writersRacingForTheFirstKeyAllGetTheSameOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Optional<javax.crypto.SecretKey>>> writers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                writers.add(() -> new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS).keyForWriting(DISPUTE));
            }
            List<byte[]> keys = new ArrayList<>();
            for (Future<Optional<javax.crypto.SecretKey>> key : pool.invokeAll(writers)) {
                keys.add(key.get().orElseThrow().getEncoded());
            }
            keys.forEach(key -> assertThat(key).isEqualTo(keys.get(0)));
            assertThat(keys.get(0)).hasSize(32);
        } finally {
            pool.shutdownNow();
        }
    }
}
