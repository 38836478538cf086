package cn.mediation.core.eventstore;

import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditReport;
import cn.mediation.core.audit.AuditVerifier;
import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeScreenedEvent;
import cn.mediation.core.dispute.DisputeSource;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.PartyRole;
import cn.mediation.core.dispute.RiskGrade;
import cn.mediation.core.dispute.ScreeningDecision;
import cn.mediation.core.json.Json;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.sweep.ScreeningSweepRecordedEvent;
import cn.mediation.core.testing.TestMongo;
import cn.mediation.core.upcasting.Upcasters;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole log exported from one store and imported into an empty one gives the same documents, hashes, streams
 * and counter, so that appends continue the chains; an export that is not intact is refused at the line where it
 * breaks, and nothing is written.
 */
class EventLogExportImportTest {

    private static final String VILLAGE = "511902101001";
    private static final LocalDate ON = LocalDate.of(2026, 3, 2);

    private MongoDatabase source;
    private MongoEventStorageEngine a;
    private String exported;

    @BeforeEach
    void storeWithAHistory() {
        source = TestMongo.freshDatabase();
        a = engine(source);
        for (int i = 0; i < 5; i++) {
            a.appendEvents(registered("d-" + i, 0));
        }
        // a commit of two events, a refused append (its numbers become void), a later event, an event of no
        // aggregate
        a.appendEvents(List.of(screened("d-1", 1), screened("d-1", 2)));
        assertThatThrownBy(() -> a.appendEvents(screened("d-1", 2))).isInstanceOf(ConcurrencyException.class);
        a.appendEvents(screened("d-0", 1));
        a.appendEvents(GenericEventMessage.asEventMessage(
                new ScreeningSweepRecordedEvent("sweep-1", VILLAGE, 2, "入户走访", ON, "grid-1")));
        a.appendEvents(screened("d-1", 3));
        exported = new EventLogExport(a).asString();
    }

    @Test
    void anImportIntoAnEmptyStoreHoldsTheSameDocumentsStreamsAndCounter() throws Exception {
        MongoDatabase target = TestMongo.freshDatabase();
        MongoEventStorageEngine b = engine(target);

        EventLogImport.Result result = new EventLogImport(b).run(source(exported));

        assertThat(result.events()).isEqualTo(10);
        assertThat(result.aggregates()).isEqualTo(5);
        assertThat(exported.lines().filter(line -> !line.contains("\"void\": true"))).hasSize(10);
        assertThat(exported.lines()).as("a line for every number, void ones too").hasSize((int) a.headPosition());
        assertThat(eventsWithoutVoids(target)).isEqualTo(eventsWithoutVoids(source));
        assertThat(documents(target, "streams")).isEqualTo(documents(source, "streams"));
        assertThat(b.headPosition()).isEqualTo(a.headPosition());
        assertThat(new EventLogExport(b).asString()).isEqualTo(exported);
        assertThat(verify(target).intact()).isTrue();
        // tracking delivers the same events in the same order
        assertThat(StoreTestSupport.readAvailable(b, null).identifiers())
                .isEqualTo(StoreTestSupport.readAvailable(a, null).identifiers());
    }

    @Test
    void appendsAfterAnImportContinueTheNumbersAndTheChains() throws Exception {
        MongoDatabase target = TestMongo.freshDatabase();
        MongoEventStorageEngine b = engine(target);
        new EventLogImport(b).run(source(exported));

        b.appendEvents(screened("d-1", 4));
        b.appendEvents(registered("d-new", 0));
        assertThatThrownBy(() -> b.appendEvents(screened("d-0", 1))).isInstanceOf(ConcurrencyException.class);

        Document appended = target.getCollection("events").find(new Document("aggregateIdentifier", "d-1")
                                                                         .append("sequenceNumber", 4L)).first();
        Document before = target.getCollection("events").find(new Document("aggregateIdentifier", "d-1")
                                                                       .append("sequenceNumber", 3L)).first();
        assertThat(appended.getLong("_id")).isEqualTo(a.headPosition() + 1);
        assertThat(appended.getString("prev")).isEqualTo(before.getString("hash"));
        assertThat(b.readEvents("d-1").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        AuditReport report = verify(target);
        assertThat(report.findings()).isEmpty();
        assertThat(report.events()).isEqualTo(12);
    }

    @Test
    void personalDataStaysSealedAndWithoutTheKeysReadsAsErased() throws Exception {
        assertThat(exported).contains("pii:1:").doesNotContain("当事人", "13900000000");

        MongoDatabase withoutKeys = TestMongo.freshDatabase();
        MongoEventStorageEngine b = engine(withoutKeys);
        new EventLogImport(b).run(source(exported));
        DisputeRegisteredEvent erased = (DisputeRegisteredEvent) b.readEvents("d-2").asStream().findFirst()
                                                                   .orElseThrow().getPayload();
        assertThat(erased.parties().get(0).name()).isNull();

        MongoDatabase withKeys = TestMongo.freshDatabase();
        withKeys.getCollection("personal_keys").insertMany(
                source.getCollection("personal_keys").find().into(new ArrayList<>()));
        MongoEventStorageEngine c = engine(withKeys);
        new EventLogImport(c).run(source(exported));
        DisputeRegisteredEvent opened = (DisputeRegisteredEvent) c.readEvents("d-2").asStream().findFirst()
                                                                   .orElseThrow().getPayload();
        assertThat(opened.parties().get(0).name()).isEqualTo("当事人2");
    }

    @Test
    void anEditedPayloadIsRefusedAtItsLine() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        int index = lineOf(lines, "d-3", 0);
        lines.set(index, lines.get(index).replace("\"peopleInvolved\": {\"$numberInt\": \"2\"}",
                                                  "\"peopleInvolved\": {\"$numberInt\": \"3\"}"));
        assertRefused(lines, index + 1, "d-3", 0L, "does not give its hash");
    }

    @Test
    void aDeletedLineIsRefusedWhereTheChainMissesIt() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        int index = lineOf(lines, "d-1", 2);
        lines.remove(index);
        lines.add(index, "{\"_id\": {\"$numberLong\": \"" + (index + 1) + "\"}, \"void\": true}");
        // a deletion that even keeps the positions dense is named by the next event of d-1
        assertRefused(lines, lineOf(lines, "d-1", 3) + 1, "d-1", 3L, "sequence 2 of the aggregate was expected");
    }

    @Test
    void aDeletedLineIsRefusedAtTheHoleItLeaves() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        int index = lineOf(lines, "d-4", 0);
        lines.remove(index);
        BsonDocument next = BsonDocument.parse(lines.get(index));
        assertRefused(lines, index + 1, next.getString("aggregateIdentifier").getValue(),
                      next.getNumber("sequenceNumber").longValue(), "was expected (positions are dense");
    }

    @Test
    void aPositionFarAheadIsRefusedAtItsLine() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        int index = lineOf(lines, "d-1", 3);
        lines.set(index, lines.get(index).replaceFirst("\"_id\": \\{\"\\$numberLong\": \"\\d+\"}",
                                                       "\"_id\": {\"\\$numberLong\": \"10000000000000\"}"));
        assertRefused(lines, index + 1, "d-1", 3L, "global sequence 10000000000000 where");
    }

    @Test
    void aDeletedFirstEventIsRefusedAtTheSecond() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        int index = lineOf(lines, "d-0", 0);
        lines.set(index, "{\"_id\": {\"$numberLong\": \"" + (index + 1) + "\"}, \"void\": true}");
        assertRefused(lines, lineOf(lines, "d-0", 1) + 1, "d-0", 1L, "chained to a predecessor");
    }

    @Test
    void swappedEventsOfOneAggregateAreRefusedAtTheFirst() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        int first = lineOf(lines, "d-1", 1);
        swap(lines, first, first + 1);
        assertRefused(lines, first + 1, "d-1", 2L, "sequence 1 of the aggregate was expected");
    }

    @Test
    void swappedEventsOfTwoAggregatesAreRefusedWhereTheGlobalOrderBreaks() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        int first = lineOf(lines, "d-2", 0);
        assertThat(lineOf(lines, "d-3", 0)).isEqualTo(first + 1);
        swap(lines, first, first + 1);
        assertRefused(lines, first + 1, "d-3", 0L, "was expected (positions are dense");
    }

    private static void swap(List<String> lines, int i, int j) {
        String line = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, line);
    }

    @Test
    void aLineThatIsNoJsonIsRefused() {
        List<String> lines = new ArrayList<>(exported.lines().toList());
        lines.add(3, "{\"_id\": 4, \"payload\": ");
        assertRefused(lines, 4, null, null, "not a JSON document");
    }

    @Test
    void aStoreThatIsNotEmptyIsRefused() {
        MongoDatabase target = TestMongo.freshDatabase();
        MongoEventStorageEngine b = engine(target);
        b.appendEvents(registered("other", 0));
        assertThatThrownBy(() -> new EventLogImport(b).run(source(exported)))
                .isInstanceOf(EventLogImport.NotEmpty.class).hasMessageContaining("events");
        assertThat(target.getCollection("events").countDocuments()).isEqualTo(1);
    }

    @Test
    void aStoreUnderACollectionPrefixIsImportedSealedAndVerifiedInItsOwnCollections() throws Exception {
        MongoDatabase target = TestMongo.freshDatabase();
        MongoEventStorageEngine b = engine(target, "copy_");
        AuditLedger ledger = AuditLedger.on(b.collections(), null);

        new EventLogImport(b, ledger).run(source(exported));
        ledger.sealFinishedDays(Clock.offset(Clock.systemUTC(), java.time.Duration.ofDays(2)));

        assertThat(target.getCollection("copy_events").countDocuments()).isEqualTo(a.headPosition());
        assertThat(target.getCollection("copy_streams").countDocuments()).isEqualTo(5);
        assertThat(target.getCollection("copy_audit_digests").countDocuments()).isPositive();
        for (String collection : List.of("events", "streams", "sequence", "snapshots", "audit_digests")) {
            assertThat(target.getCollection(collection).countDocuments()).as(collection).isZero();
        }
        AuditReport report = AuditVerifier.on(b.collections(), ledger, Clock.systemUTC()).verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(10);
        assertThatThrownBy(() -> new EventLogImport(b, ledger).run(source(exported)))
                .isInstanceOf(EventLogImport.NotEmpty.class).hasMessageContaining("copy_events");
    }

    private void assertRefused(List<String> lines, long line, String aggregate, Long sequence, String reason) {
        MongoDatabase target = TestMongo.freshDatabase();
        MongoEventStorageEngine b = engine(target);
        assertThatThrownBy(() -> new EventLogImport(b).run(source(String.join("\n", lines) + "\n")))
                .isInstanceOfSatisfying(EventLogImport.Refused.class, refused -> {
                    assertThat(refused.line()).isEqualTo(line);
                    assertThat(refused.aggregateIdentifier()).isEqualTo(aggregate);
                    assertThat(refused.sequenceNumber()).isEqualTo(sequence);
                    assertThat(refused.reason()).contains(reason);
                });
        for (String collection : List.of("events", "streams", "sequence", "snapshots")) {
            assertThat(target.getCollection(collection).countDocuments()).as(collection).isZero();
        }
    }

    /** The index in the list of the line holding an aggregate's event. */
    private static int lineOf(List<String> lines, String aggregate, long sequence) {
        for (int i = 0; i < lines.size(); i++) {
            BsonDocument event = BsonDocument.parse(lines.get(i));
            if (event.containsKey("aggregateIdentifier")
                    && event.get("aggregateIdentifier").asString().getValue().equals(aggregate)
                    && event.get("sequenceNumber").asNumber().longValue() == sequence) {
                return i;
            }
        }
        throw new IllegalArgumentException(aggregate + " " + sequence + " not exported");
    }

    private static EventLogImport.Source source(String text) {
        return () -> new BufferedReader(new StringReader(text));
    }

    private static List<BsonDocument> documents(MongoDatabase database, String collection) {
        return database.getCollection(collection, BsonDocument.class).find().into(new ArrayList<>()).stream()
                       .sorted((x, y) -> String.valueOf(x.get("_id")).compareTo(String.valueOf(y.get("_id"))))
                       .collect(Collectors.toList());
    }

    private static List<BsonDocument> eventsWithoutVoids(MongoDatabase database) {
        return documents(database, "events").stream().filter(d -> !d.containsKey("void"))
                                            .collect(Collectors.toList());
    }

    private static AuditReport verify(MongoDatabase database) {
        return AuditVerifier.on(database, AuditLedger.on(database), Clock.systemUTC()).verify();
    }

    private static MongoEventStorageEngine engine(MongoDatabase database) {
        return engine(database, "");
    }

    private static MongoEventStorageEngine engine(MongoDatabase database, String collectionPrefix) {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
        return MongoEventStorageEngine.builder().database(database).collectionPrefix(collectionPrefix)
                                      .eventSerializer(serializer)
                                      .snapshotSerializer(serializer).upcasterChain(Upcasters.chain())
                                      .payloadCodec(new PersonalDataCodec(new PersonalKeyVault(database, cn.mediation.core.testing.TestMongo.KEKS)))
                                      .holdBack(java.time.Duration.ZERO).build();
    }

    private static DomainEventMessage<DisputeRegisteredEvent> registered(String id, long sequence) {
        return new GenericDomainEventMessage<>("Dispute", id, sequence, new DisputeRegisteredEvent(
                id, null, "C" + VILLAGE, VILLAGE, "NEIGHBOURS", DisputeSource.SWEEP, "纠纷", ON, null, 2,
                new BigDecimal("100.00"),
                List.of(new Party(PartyRole.APPLICANT, "当事人" + id.substring(2), null, "13900000000")), "m"));
    }

    private static DomainEventMessage<DisputeScreenedEvent> screened(String id, long sequence) {
        return new GenericDomainEventMessage<>("Dispute", id, sequence, new DisputeScreenedEvent(
                id, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false, ON, "m"));
    }
}
