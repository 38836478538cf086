package cn.mediation.core.eventstore;

import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeSource;
import cn.mediation.core.dispute.MediationSessionRecordedEvent;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.PartyRole;
import cn.mediation.core.dispute.ResidentIdNumber;
import cn.mediation.core.eventstore.StoreTestSupport.SimulatedCrash;
import cn.mediation.core.json.Json;
import cn.mediation.core.privacy.FieldCipher;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With the personal-data codec, no clear name, ID number or phone is in any document the engine writes (the global
 * log, a stream's pending commit, a snapshot, a recovered copy), while every read path gives them back; after the
 * dispute's key is erased, every read path gives null for them and the events still deserialize.
 */
class PersonalDataAtRestTest {

    private static final String TYPE = "Dispute";
    private static final String DISPUTE = "6f1c2a7e-3b4d-4c5e-9f10-2a3b4c5d6e7f";
    private static final String INTERRUPTED = "0b7c6f8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d";
    private static final String ID_1 = "51190219800512301" + ResidentIdNumber.checkCharacter("51190219800512301");
    private static final String ID_2 = "11010519491231002X";
    private static final String ID_3 = "51190219900101123" + ResidentIdNumber.checkCharacter("51190219900101123");
    private static final List<String> CLEAR = List.of("张三丰", "欧阳娜娜", "赵六", ID_1, ID_2, ID_3,
                                                      "13812345678", "13987654321", "13700001111");
    private static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();

    /** Shaped like the dispute aggregate's snapshot: it keeps the registration. */
    record DisputeState(String disputeId, DisputeRegisteredEvent registration, long version) {
    }

    private MongoDatabase database;
    private PersonalKeyVault vault;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        vault = new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS);
    }

    private MongoEventStorageEngineBuilder engine() {
        return MongoEventStorageEngine.builder().database(database).eventSerializer(SERIALIZER)
                                      .snapshotSerializer(SERIALIZER).batchSize(100)
                                      .payloadCodec(new PersonalDataCodec(vault));
    }

    private static DisputeRegisteredEvent registered(String id, Party... parties) {
        return new DisputeRegisteredEvent(id, "2026-511902101001-0001", "C511902101001", "511902101001",
                                          "NEIGHBOURS", DisputeSource.APPLICATION, "宅前排水沟纠纷",
                                          LocalDate.of(2026, 3, 2), null, 2, new BigDecimal("100.00"),
                                          List.of(parties), "clerk-wang");
    }

    private static DisputeRegisteredEvent registered() {
        return registered(DISPUTE, new Party(PartyRole.APPLICANT, "张三丰", ID_1, "13812345678"),
                          new Party(PartyRole.RESPONDENT, "欧阳娜娜", ID_2, "13987654321"));
    }

    private static MediationSessionRecordedEvent session() {
        return new MediationSessionRecordedEvent(DISPUTE, List.of("张三丰", "欧阳娜娜"), "第一次调解",
                                                 LocalDate.of(2026, 3, 5), "mediator-zhao");
    }

    private static DisputeRegisteredEvent interruptedRegistration() {
        return registered(INTERRUPTED, new Party(PartyRole.APPLICANT, "赵六", ID_3, "13700001111"));
    }

    private static <T> DomainEventMessage<T> message(String id, long seq, T payload) {
        return new GenericDomainEventMessage<>(TYPE, id, seq, payload);
    }

    private static List<Object> payloads(List<? extends EventMessage<?>> messages) {
        return messages.stream().map(EventMessage::getPayload).collect(Collectors.toList());
    }

    /** Stores a dispute's two events and a snapshot, and leaves another dispute's commit pending in its stream. */
    private MongoEventStorageEngine storeEverything() {
        MongoEventStorageEngine engine = engine().build();
        engine.appendEvents(message(DISPUTE, 0, registered()), message(DISPUTE, 1, session()));
        engine.storeSnapshot(message(DISPUTE, 1, new DisputeState(DISPUTE, registered(), 1)));
        MongoEventStorageEngine crashing = engine().stepListener(step -> {
            if (step == AppendStep.STREAM_COMMITTED) {
                throw new SimulatedCrash(step);
            }
        }).build();
        assertThatThrownBy(() -> crashing.appendEvents(message(INTERRUPTED, 0, interruptedRegistration())))
                .isInstanceOf(SimulatedCrash.class);
        return engine;
    }

    /** Every document of every collection but the keys, as the mongo shell would show it. */
    private List<String> everyStoredDocument() {
        List<String> documents = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            if (!name.equals(PersonalKeyVault.COLLECTION)) {
                database.getCollection(name).find().forEach(d -> documents.add(name + ": " + d.toJson()));
            }
        }
        return documents;
    }

    private void assertNoClearPersonalData() {
        List<String> documents = everyStoredDocument();
        assertThat(documents).isNotEmpty();
        for (String document : documents) {
            for (String clear : CLEAR) {
                assertThat(document).as("stored document").doesNotContain(clear);
            }
        }
    }

    @Test
    void theLogThePendingCommitAndTheSnapshotHoldOnlyCiphertext() {
        storeEverything();

        assertNoClearPersonalData();
        Document pending = database.getCollection("streams").find(new Document("_id", INTERRUPTED)).first();
        assertThat(pending.getList("pendingEvents", Document.class)).isNotEmpty();
        Document party = database.getCollection("events").find(new Document("aggregateIdentifier", DISPUTE)
                                                                       .append("sequenceNumber", 0L))
                                 .first().get("payload", Document.class).getList("parties", Document.class).get(1);
        for (String field : List.of("name", "idNumber", "phone")) {
            assertThat(party.getString(field)).as(field).startsWith(FieldCipher.PREFIX);
        }
        Document snapshotParty = database.getCollection("snapshots").find().first().get("payload", Document.class)
                                         .get("registration", Document.class).getList("parties", Document.class)
                                         .get(0);
        assertThat(snapshotParty.getString("idNumber")).startsWith(FieldCipher.PREFIX);
    }

    @Test
    void everyReadPathGivesTheClearValuesBack() {
        MongoEventStorageEngine engine = storeEverything();

        assertThat(payloads(aggregateEvents(engine, DISPUTE))).containsExactly(registered(), session());
        assertThat(engine.readSnapshot(DISPUTE)).get().extracting(EventMessage::getPayload)
                                                .isEqualTo(new DisputeState(DISPUTE, registered(), 1));
        // a commit still pending is read from the stream itself...
        MongoEventStorageEngine patient = engine().recoveryDelay(Duration.ofHours(1)).build();
        assertThat(payloads(aggregateEvents(patient, INTERRUPTED))).containsExactly(interruptedRegistration());
        // ...and recovery copies it into the log without opening it
        assertThat(engine.recoverPendingCopies(Duration.ZERO)).isEqualTo(1);
        assertNoClearPersonalData();
        Map<String, Object> tracked = readAvailable(engine, null).events().stream().collect(
                Collectors.toMap(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier() + "/"
                                         + ((DomainEventMessage<?>) m).getSequenceNumber(), EventMessage::getPayload));
        assertThat(tracked).containsEntry(DISPUTE + "/0", registered()).containsEntry(DISPUTE + "/1", session())
                           .containsEntry(INTERRUPTED + "/0", interruptedRegistration());
    }

    @Test
    void afterErasureEveryReadPathGivesNullForTheErasedDisputeOnly() {
        MongoEventStorageEngine engine = storeEverything();
        engine.recoverPendingCopies(Duration.ZERO);
        vault.erase(DISPUTE);

        DisputeRegisteredEvent erased = registered(DISPUTE, new Party(PartyRole.APPLICANT, null, null, null),
                                                   new Party(PartyRole.RESPONDENT, null, null, null));
        MediationSessionRecordedEvent erasedSession = new MediationSessionRecordedEvent(
                DISPUTE, java.util.Arrays.asList(null, null), "第一次调解", LocalDate.of(2026, 3, 5), "mediator-zhao");
        assertThat(payloads(aggregateEvents(engine, DISPUTE))).containsExactly(erased, erasedSession);
        assertThat(engine.readSnapshot(DISPUTE)).get().extracting(EventMessage::getPayload)
                                                .isEqualTo(new DisputeState(DISPUTE, erased, 1));
        List<Object> tracked = readAvailable(engine, null).events().stream().map(EventMessage::getPayload)
                                                          .collect(Collectors.toList());
        assertThat(tracked).containsExactly(erased, erasedSession, interruptedRegistration());

        // a snapshot of state loaded before the erasure cannot bring the data back under a new key
        engine.storeSnapshot(message(DISPUTE, 2, new DisputeState(DISPUTE, registered(), 2)));
        assertThat(engine.readSnapshot(DISPUTE)).get().extracting(EventMessage::getPayload)
                                                .isEqualTo(new DisputeState(DISPUTE, erased, 2));
        assertThat(vault.keyForReading(DISPUTE)).isEmpty();
        assertNoClearPersonalData();
    }

    @Test
    void aTrackingBatchOrAnAggregateLoadLooksUpItsKeysInOneQuery() {
        java.util.concurrent.atomic.AtomicInteger keyReads = new java.util.concurrent.atomic.AtomicInteger();
        com.mongodb.event.CommandListener listener = new com.mongodb.event.CommandListener() {
            @Override
            public void commandStarted(com.mongodb.event.CommandStartedEvent event) {
                if (event.getCommandName().equals("find")
                        && PersonalKeyVault.COLLECTION.equals(event.getCommand().getString("find").getValue())) {
                    keyReads.incrementAndGet();
                }
            }
        };
        try (com.mongodb.client.MongoClient counted = com.mongodb.client.MongoClients.create(
                com.mongodb.MongoClientSettings.builder()
                        .applyConnectionString(new com.mongodb.ConnectionString(TestMongo.connectionString()))
                        .addCommandListener(listener).build())) {
            database = counted.getDatabase(database.getName());
            vault = new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS);
            MongoEventStorageEngine engine = engine().build();
            List<String> disputes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = java.util.UUID.randomUUID().toString();
                disputes.add(id);
                engine.appendEvents(message(id, 0, registered(id, new Party(PartyRole.APPLICANT, "赵六", ID_3, null))),
                                    message(id, 1, new MediationSessionRecordedEvent(id, List.of("赵六"), null,
                                                                                     LocalDate.of(2026, 3, 5), "m")));
            }
            vault.erase(disputes.get(0));

            keyReads.set(0);
            List<Object> tracked = payloads(readAvailable(engine, null).events());
            assertThat(tracked).hasSize(40);
            assertThat(keyReads.get()).as("key queries for one tracking batch of 40 events").isEqualTo(1);
            assertThat(((DisputeRegisteredEvent) tracked.get(0)).parties().get(0).name()).isNull();
            assertThat(((DisputeRegisteredEvent) tracked.get(2)).parties().get(0).name()).isEqualTo("赵六");

            keyReads.set(0);
            assertThat(payloads(aggregateEvents(engine, disputes.get(1)))).hasSize(2);
            assertThat(keyReads.get()).as("key queries for loading one aggregate").isEqualTo(1);
        }
    }

    @Test
    void withoutTheCodecTheEngineStoresPayloadsAsSerialized() {
        MongoEventStorageEngine plain = MongoEventStorageEngine.builder().database(database)
                                                               .eventSerializer(SERIALIZER)
                                                               .snapshotSerializer(SERIALIZER).build();
        plain.appendEvents(message(DISPUTE, 0, registered()));
        assertThat(everyStoredDocument()).anySatisfy(document -> assertThat(document).contains(ID_1));
        assertThat(database.getCollection(PersonalKeyVault.COLLECTION).countDocuments()).isZero();
    }
}
