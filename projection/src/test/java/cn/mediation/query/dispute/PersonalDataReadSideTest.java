package cn.mediation.query.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.json.Json;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side of personal data, on the real event store with the personal-data codec: the mediators' clear view
 * ({@link PersonalDataReader}), the masked views and the auditors' history, before and after an erasure.
 */
class PersonalDataReadSideTest {

    private static final String ID = "6f1c2a7e-3b4d-4c5e-9f10-2a3b4c5d6e7f";
    private static final String ID_NUMBER = "51190219800512301" + ResidentIdNumber.checkCharacter("51190219800512301");
    private static final List<Party> PARTIES = List.of(
            new Party(PartyRole.APPLICANT, "张三丰", ID_NUMBER, "13812345678"),
            new Party(PartyRole.RESPONDENT, "欧阳娜娜", null, "13987654321"));
    private static final List<Party> ERASED = List.of(new Party(PartyRole.APPLICANT, null, null, null),
                                                      new Party(PartyRole.RESPONDENT, null, null, null));

    private MongoDatabase database;
    private PersonalKeyVault vault;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        vault = new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
        engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                        .snapshotSerializer(serializer).payloadCodec(new PersonalDataCodec(vault))
                                        .build();
        engine.appendEvents(
                message(0, new DisputeRegisteredEvent(ID, "2026-511902101001-0001", "C511902101001", "511902101001",
                                                      "NEIGHBOURS", DisputeSource.APPLICATION, "宅前排水沟纠纷",
                                                      LocalDate.of(2026, 3, 2), null, 2, BigDecimal.TEN, PARTIES,
                                                      "clerk-wang")),
                message(1, new MediationSessionRecordedEvent(ID, List.of("张三丰", "欧阳娜娜"), "第一次调解",
                                                             LocalDate.of(2026, 3, 5), "mediator-zhao")));
    }

    private static DomainEventMessage<?> message(long seq, Object payload) {
        return new GenericDomainEventMessage<>("Dispute", ID, seq, payload);
    }

    private void erase() {
        engine.appendEvents(message(2, new PersonalDataErasedEvent(ID, LocalDate.of(2026, 4, 1), "officer-li")));
        vault.erase(ID);
    }

    /** The live view, folded from the store's events into MongoDB as the processor does. */
    private Document liveView() {
        MongoViewTarget target = new MongoViewTarget(database);
        target.clear();
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(new DisputeViewProjection(target));
        engine.readEvents(ID).asStream().forEach(event -> {
            try {
                adapter.handle(event);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return database.getCollection(DisputeViewProjection.COLLECTION).find(new Document("_id", ID)).first();
    }

    @Test
    void theMediatorsReaderGivesTheClearPartiesAndAfterErasureNulls() {
        PersonalDataReader reader = new PersonalDataReader(engine);
        assertThat(reader.partiesOf(ID)).contains(PARTIES);
        assertThat(reader.partiesOf("0b7c6f8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d")).isEmpty();

        erase();
        assertThat(reader.partiesOf(ID)).contains(ERASED);
    }

    @Test
    void theViewShowsMaskedFormsAndAfterErasureOnlyTheRoles() {
        Document view = liveView();
        assertThat(view.getList("parties", Document.class)).extracting(d -> d.getString("name"))
                                                           .containsExactly("张**", "欧***");
        assertThat(view.getList("parties", Document.class).get(0).getString("idNumber"))
                .isEqualTo("511902********" + ID_NUMBER.substring(14));
        assertThat(view.getBoolean("personalDataErased")).isFalse();

        erase();
        Document erased = liveView();
        assertThat(erased.getList("parties", Document.class)).allSatisfy(party -> {
            assertThat(party.get("name")).isNull();
            assertThat(party.get("idNumber")).isNull();
            assertThat(party.get("phone")).isNull();
        }).extracting(d -> d.getString("role")).containsExactly("APPLICANT", "RESPONDENT");
        assertThat(erased.getBoolean("personalDataErased")).isTrue();
        assertThat(erased.getString("status")).isEqualTo(view.getString("status"));
        assertThat(erased.getString("updatedOn")).isEqualTo(view.getString("updatedOn"));
    }

    @Test
    void theHistorySaysTheRegistrationsPersonalDataIsErased() {
        DisputeHistory history = new DisputeHistory(engine);
        List<Map<String, Object>> before = history.history(ID).orElseThrow();
        assertThat(before.get(0).get("summary").toString()).endsWith("当事人 2 方").doesNotContain("张三丰");
        assertThat(history.asOf(ID, Instant.now()).orElseThrow()).containsEntry("personalDataErased", false);

        erase();
        List<Map<String, Object>> after = history.history(ID).orElseThrow();
        assertThat(after).hasSize(3);
        assertThat(after.get(0).get("summary").toString()).contains("当事人个人信息已删除");
        assertThat(after.get(2)).containsEntry("type", "PersonalDataErased").containsEntry("actor", "officer-li")
                                .containsEntry("date", "2026-04-01");
        Map<String, Object> asOf = history.asOf(ID, Instant.now()).orElseThrow();
        assertThat(asOf).containsEntry("personalDataErased", true);
        assertThat(asOf.toString()).doesNotContain("张").doesNotContain("欧");
    }
}
