package cn.mediation.core.upcasting;

import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditReport;
import cn.mediation.core.audit.AuditVerifier;
import cn.mediation.core.audit.EventHash;
import cn.mediation.core.dispute.AgreementForm;
import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeResolvedEvent;
import cn.mediation.core.dispute.FulfilmentRecordedEvent;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.json.Json;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.testing.Revision1Fixtures;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored documents of the release with {@code DisputeResolvedEvent} revision 1 (fixtures, hashes included), put
 * raw into a fresh store, load through the engine with the project's upcasters as revision 2, by aggregate and by
 * tracking; reading them changes nothing stored, so the audit chain stays intact and new events continue it.
 */
class DisputeResolvedRevision1FixtureTest {

    private MongoDatabase database;

    @BeforeEach
    void storeOfTheOldRelease() {
        database = TestMongo.freshDatabase();
        Revision1Fixtures.insertInto(database);
    }

    @Test
    void theFixturesAreRevisionOneWithTheOldFieldName() {
        List<BsonDocument> resolved = Revision1Fixtures.events().stream()
                .filter(e -> e.getString("payloadType").getValue().equals(DisputeResolvedEvent.class.getName()))
                .toList();
        assertThat(resolved).hasSize(2).allSatisfy(e -> {
            assertThat(e.getString("payloadRevision").getValue()).isEqualTo("1");
            assertThat(e.getDocument("payload").keySet()).contains("amount").doesNotContain("agreedAmount");
        });
    }

    @Test
    void anAggregateLoadsWithTheAgreedAmountUnderItsNewName() {
        MongoEventStorageEngine engine = engine(Upcasters.chain());

        List<Object> withAmount = payloads(engine.readEvents(Revision1Fixtures.WITH_AMOUNT).asStream());
        assertThat(withAmount).hasSize(5);
        assertThat(withAmount.get(3)).isEqualTo(new DisputeResolvedEvent(
                Revision1Fixtures.WITH_AMOUNT, AgreementForm.WRITTEN, "一次性补偿并重新立界", new BigDecimal("3200.50"),
                RegionLevel.VILLAGE, "511902101001", LocalDate.of(2025, 6, 10), "mediator-fixture"));
        assertThat(((DisputeResolvedEvent) withAmount.get(3)).agreedAmount().scale()).isEqualTo(2);
        assertThat(withAmount.get(4)).isInstanceOf(FulfilmentRecordedEvent.class);
        // the old events' personal data opens with the dispute's key as before
        assertThat(((DisputeRegisteredEvent) withAmount.get(0)).parties().get(0).name()).isEqualTo("样例甲");

        List<Object> withoutAmount = payloads(engine.readEvents(Revision1Fixtures.WITHOUT_AMOUNT).asStream());
        DisputeResolvedEvent oral = (DisputeResolvedEvent) withoutAmount.get(3);
        assertThat(oral.form()).isEqualTo(AgreementForm.ORAL);
        assertThat(oral.agreedAmount()).isNull();
    }

    @Test
    void trackingReadsEveryOldEventInGlobalOrderAsTheCurrentRevision() {
        MongoEventStorageEngine engine = engine(Upcasters.chain());
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
            List<? extends TrackedEventMessage<?>> events = stream.limit(9).collect(Collectors.toList());
            assertThat(events).hasSize(9);
            List<BigDecimal> amounts = events.stream().map(EventMessage::getPayload)
                                             .filter(DisputeResolvedEvent.class::isInstance)
                                             .map(p -> ((DisputeResolvedEvent) p).agreedAmount()).toList();
            assertThat(amounts).containsExactly(new BigDecimal("3200.50"), null);
        }
    }

    @Test
    void withoutTheUpcasterTheAgreedAmountWouldBeLost() {
        MongoEventStorageEngine engine = engine(NoOpEventUpcaster.INSTANCE);
        DisputeResolvedEvent resolved = (DisputeResolvedEvent) payloads(
                engine.readEvents(Revision1Fixtures.WITH_AMOUNT).asStream()).get(3);
        assertThat(resolved.agreedAmount()).isNull();
    }

    @Test
    void readingUpcastsNothingInTheStoreAndTheAuditChainStaysIntact() {
        MongoEventStorageEngine engine = engine(Upcasters.chain());
        payloads(engine.readEvents(Revision1Fixtures.WITH_AMOUNT).asStream());

        List<Document> stored = database.getCollection("events").find().into(new java.util.ArrayList<>());
        assertThat(stored).hasSize(9).allSatisfy(event -> assertThat(EventHash.of(event)).isEqualTo(event.get("hash")));
        assertThat(stored).filteredOn(e -> e.getString("payloadType").equals(DisputeResolvedEvent.class.getName()))
                          .allSatisfy(e -> assertThat(e.getString("payloadRevision")).isEqualTo("1"));
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aNewEventOfRevisionTwoContinuesTheOldChain() {
        MongoEventStorageEngine engine = engine(Upcasters.chain());
        engine.appendEvents(new GenericDomainEventMessage<>(
                "Dispute", Revision1Fixtures.WITH_AMOUNT, 5,
                new FulfilmentRecordedEvent(Revision1Fixtures.WITH_AMOUNT, true, LocalDate.of(2025, 7, 1), "m")));

        Document appended = database.getCollection("events").find(new Document("sequenceNumber", 5L)).first();
        Document previous = database.getCollection("events")
                                    .find(new Document("aggregateIdentifier", Revision1Fixtures.WITH_AMOUNT)
                                                  .append("sequenceNumber", 4L)).first();
        assertThat(appended.getLong("_id")).isEqualTo(10L);
        assertThat(appended.getString("prev")).isEqualTo(previous.getString("hash"));
        AuditReport report = verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.events()).isEqualTo(10);
        assertThat(payloads(engine.readEvents(Revision1Fixtures.WITH_AMOUNT).asStream())).hasSize(6);
    }

    @Test
    void theCurrentReleaseStoresRevisionThreeWithTheNewFieldNames() {
        MongoEventStorageEngine engine = engine(Upcasters.chain());
        engine.appendEvents(new GenericDomainEventMessage<>(
                "Dispute", "resolved-now", 0,
                new DisputeResolvedEvent("resolved-now", AgreementForm.ORAL, "互相谅解", new BigDecimal("12.00"),
                                         RegionLevel.VILLAGE, "511902101001", LocalDate.of(2026, 3, 2), "m")));
        Document stored = database.getCollection("events").find(new Document("aggregateIdentifier", "resolved-now"))
                                  .first();
        assertThat(stored.getString("payloadRevision")).isEqualTo("3");
        assertThat(stored.get("payload", Document.class)).containsKeys("agreedAmount", "prevention")
                                                         .doesNotContainKey("amount");
        // a revision-3 event passes the upcasters untouched
        assertThat(((DisputeResolvedEvent) payloads(engine.readEvents("resolved-now").asStream()).get(0))
                           .agreedAmount()).isEqualTo(new BigDecimal("12.00"));
    }

    private AuditReport verify() {
        return AuditVerifier.on(database, AuditLedger.on(database), Clock.systemUTC()).verify();
    }

    private MongoEventStorageEngine engine(EventUpcaster upcasters) {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                      .snapshotSerializer(serializer).upcasterChain(upcasters)
                                      .payloadCodec(new PersonalDataCodec(new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS))).build();
    }

    private static List<Object> payloads(Stream<? extends DomainEventMessage<?>> events) {
        return events.map(EventMessage::getPayload).collect(Collectors.toList());
    }
}
