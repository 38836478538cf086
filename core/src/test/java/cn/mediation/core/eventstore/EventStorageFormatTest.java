package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.StoreTestSupport.Tracked;
import cn.mediation.core.json.Json;
import cn.mediation.core.testing.TestMongo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static cn.mediation.core.eventstore.StoreTestSupport.AGGREGATE_TYPE;
import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import cn.mediation.core.eventstore.StoreTestSupport.SimulatedCrash;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine leaves in MongoDB must be readable with the mongo shell: dates as dates, payloads as documents,
 * amounts as exact decimals.
 */
class EventStorageFormatTest {

    /** A settlement amount as the mediation records it. */
    record SettlementAgreed(String caseId, BigDecimal amount, String currency) {
    }

    private static final BigDecimal AMOUNT = new BigDecimal("1234.50");

    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        JacksonSerializer serializer = exactDecimalSerializer();
        engine = MongoEventStorageEngine.builder()
                                        .database(database)
                                        .eventSerializer(serializer)
                                        .snapshotSerializer(serializer)
                                        .batchSize(100)
                                        .build();
    }

    /** The serializer the application stores messages with: the project's message mapper (exact decimals). */
    static JacksonSerializer exactDecimalSerializer() {
        return JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
    }

    @Test
    void logDocumentHoldsDatesAsDatesAndThePayloadAsADocument() {
        DomainEventMessage<?> message = settlement("case-1", 0, AMOUNT);
        engine.appendEvents(message);

        BsonDocument stored = database.getCollection("events", BsonDocument.class).find().first();
        assertThat(stored).isNotNull();
        assertThat(stored.get("timestamp").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(stored.getDateTime("timestamp").getValue()).isEqualTo(message.getTimestamp().toEpochMilli());
        assertThat(stored.get("storedAt").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(stored.getString("payloadType").getValue()).isEqualTo(SettlementAgreed.class.getName());
        assertReadablePayload(stored.get("payload"));
        assertThat(stored.get("metaData").getBsonType()).isEqualTo(BsonType.DOCUMENT);
        assertThat(stored.getDocument("metaData").getString("recordedBy").getValue()).isEqualTo("mediator-7");
    }

    @Test
    void streamDocumentListsTheGlobalNumbersAndAPendingCommitKeepsDatesAndPayloadReadable() {
        DomainEventMessage<?> message = settlement("case-1", 0, AMOUNT);
        engine.appendEvents(message);

        BsonDocument stream = database.getCollection("streams", BsonDocument.class).find().first();
        assertThat(stream).isNotNull();
        assertThat(stream.getString("_id").getValue()).isEqualTo("case-1");
        assertThat(stream.getArray("globals").get(0).asNumber().longValue()).isEqualTo(1L);
        assertThat(stream.containsKey("pendingEvents")).as("copied commit left in the stream").isFalse();

        MongoEventStorageEngine stopped = MongoEventStorageEngine.builder().database(database)
                                                                 .eventSerializer(exactDecimalSerializer())
                                                                 .snapshotSerializer(exactDecimalSerializer())
                                                                 .stepListener(step -> {
            if (step == AppendStep.STREAM_COMMITTED) {
                throw new SimulatedCrash(step);
            }
        }).build();
        DomainEventMessage<?> pendingMessage = settlement("case-1", 1, AMOUNT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stopped.appendEvents(pendingMessage))
                                       .isInstanceOf(SimulatedCrash.class);
        stream = database.getCollection("streams", BsonDocument.class).find().first();
        BsonDocument event = stream.getArray("pendingEvents").get(0).asDocument();
        assertThat(event.get("timestamp").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(event.getDateTime("timestamp").getValue()).isEqualTo(pendingMessage.getTimestamp().toEpochMilli());
        assertReadablePayload(event.get("payload"));
    }

    @Test
    void decimalAmountsComeBackExactlyWithTheirScale() {
        List<BigDecimal> amounts = List.of(AMOUNT, new BigDecimal("0.10"), new BigDecimal("12345678901234567.89"),
                                           new BigDecimal("100"));
        for (int i = 0; i < amounts.size(); i++) {
            engine.appendEvents(settlement("case-1", i, amounts.get(i)));
        }

        List<BigDecimal> fromAggregate = aggregateEvents(engine, "case-1").stream()
                                                                          .map(m -> ((SettlementAgreed) m.getPayload()).amount())
                                                                          .toList();
        Tracked tracked = readAvailable(engine, null);
        List<BigDecimal> fromTracking = tracked.events().stream()
                                               .map(m -> ((SettlementAgreed) m.getPayload()).amount())
                                               .toList();
        for (List<BigDecimal> read : List.of(fromAggregate, fromTracking)) {
            assertThat(read).hasSize(amounts.size());
            for (int i = 0; i < amounts.size(); i++) {
                assertThat(read.get(i)).isEqualTo(amounts.get(i));                      // equals compares the scale
                assertThat(read.get(i).scale()).isEqualTo(amounts.get(i).scale());
            }
        }
    }

    @Test
    void snapshotIsStoredAsADocumentInTheSnapshotsCollection() {
        engine.appendEvents(settlement("case-1", 0, AMOUNT));
        engine.storeSnapshot(snapshot("case-1", 5, new BigDecimal("500.00")));

        BsonDocument stored = database.getCollection("snapshots", BsonDocument.class).find().first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("_id").getValue()).isEqualTo("case-1");
        assertThat(stored.get("sequenceNumber").asNumber().longValue()).isEqualTo(5);
        assertThat(stored.get("timestamp").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(stored.get("payload").getBsonType()).isEqualTo(BsonType.DOCUMENT);
        assertThat(stored.getDocument("payload").get("amount").getBsonType()).isEqualTo(BsonType.DECIMAL128);

        Optional<DomainEventMessage<?>> read = engine.readSnapshot("case-1");
        assertThat(read).isPresent();
        assertThat(read.get().getSequenceNumber()).isEqualTo(5);
        assertThat(((SettlementAgreed) read.get().getPayload()).amount()).isEqualTo(new BigDecimal("500.00"));
    }

    @Test
    void olderSnapshotDoesNotReplaceANewerOne() {
        engine.storeSnapshot(snapshot("case-1", 5, new BigDecimal("500.00")));
        engine.storeSnapshot(snapshot("case-1", 3, new BigDecimal("300.00")));
        assertThat(engine.readSnapshot("case-1")).get()
                                                 .extracting(DomainEventMessage::getSequenceNumber).isEqualTo(5L);

        engine.storeSnapshot(snapshot("case-1", 8, new BigDecimal("800.00")));
        assertThat(engine.readSnapshot("case-1")).get()
                                                 .extracting(DomainEventMessage::getSequenceNumber).isEqualTo(8L);
        assertThat(database.getCollection("snapshots").countDocuments()).isEqualTo(1);
    }

    private static void assertReadablePayload(BsonValue payload) {
        assertThat(payload.getBsonType()).as("payload type").isEqualTo(BsonType.DOCUMENT);
        BsonDocument document = payload.asDocument();
        assertThat(document.getString("caseId").getValue()).isEqualTo("case-1");
        assertThat(document.getString("currency").getValue()).isEqualTo("CNY");
        assertThat(document.get("amount").getBsonType()).as("amount type").isEqualTo(BsonType.DECIMAL128);
        BigDecimal amount = document.getDecimal128("amount").getValue().bigDecimalValue();
        assertThat(amount).isEqualTo(AMOUNT);
        assertThat(amount.scale()).isEqualTo(2);

        JsonNode json = readJson(document.toJson());
        assertThat(json.path("caseId").asText()).isEqualTo("case-1");
        assertThat(json.path("currency").asText()).isEqualTo("CNY");
    }

    private static JsonNode readJson(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("payload is not JSON: " + json, e);
        }
    }

    private static DomainEventMessage<SettlementAgreed> settlement(String caseId, long sequenceNumber,
                                                                   BigDecimal amount) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, caseId, sequenceNumber,
                                               new SettlementAgreed(caseId, amount, "CNY"),
                                               MetaData.with("recordedBy", "mediator-7"));
    }

    private static DomainEventMessage<SettlementAgreed> snapshot(String caseId, long sequenceNumber,
                                                                 BigDecimal amount) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, caseId, sequenceNumber,
                                               new SettlementAgreed(caseId, amount, "CNY"));
    }
}
