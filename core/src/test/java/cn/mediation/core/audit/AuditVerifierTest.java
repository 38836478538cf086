package cn.mediation.core.audit;

import cn.mediation.core.audit.AuditFinding.Kind;
import cn.mediation.core.eventstore.AppendStep;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.json.Json;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Events appended through the engine on the embedded MongoDB, then edited, deleted or moved straight through the
 * driver, as someone with write access to the database could: the verifier must name each.
 */
class AuditVerifierTest {

    /** Four events each for three cases; case-2's come in one append with case-3's, and one event has no aggregate. */
    private static final int EVENTS = 13;

    record CaseNoted(String caseId, long step, BigDecimal amount) {
    }

    record SweepNoted(String note) {
    }

    private MongoDatabase database;
    private MongoCollection<Document> events;
    private MongoCollection<Document> streams;
    private MongoEventStorageEngine engine;
    private AuditLedger ledger;
    private AuditVerifier verifier;

    @BeforeEach
    void appendSomeCases() {
        database = TestMongo.freshDatabase();
        events = database.getCollection("events");
        streams = database.getCollection("streams");
        engine = engine(step -> {
        });
        ledger = AuditLedger.on(database);
        verifier = AuditVerifier.on(database, ledger, Clock.systemUTC());
        engine.appendEvents(events("case-1", 0, 2));
        engine.appendEvents(events("case-1", 2, 2));
        List<EventMessage<?>> mixed = new ArrayList<>(events("case-2", 0, 4));
        mixed.addAll(events("case-3", 0, 4));
        engine.appendEvents(mixed);
        engine.appendEvents(GenericEventMessage.asEventMessage(new SweepNoted("weekly sweep")));
    }

    @Test
    void anUntamperedStoreIsIntact() {
        assertThat(ledger.sealFinishedDays(tomorrow())).isNotEmpty();
        AuditReport report = verifier.verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(EVENTS);
        assertThat(report.aggregates()).isEqualTo(3);
        assertThat(report.days()).isPositive();
    }

    @Test
    void anEditedPayloadFieldNamesExactlyThatEvent() {
        Document target = event("case-2", 1);
        events.updateOne(eq("_id", target.get("_id")), new Document("$set", new Document("payload.step", 99L)));

        AuditReport report = verifier.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).extracting(AuditFinding::kind, AuditFinding::globalSequence,
                                                 AuditFinding::aggregateIdentifier, AuditFinding::sequenceNumber,
                                                 AuditFinding::eventIdentifier)
                                     .containsExactly(tuple(Kind.EDITED, target.getLong("_id"), "case-2", 1L,
                                                            target.getString("eventIdentifier")));
    }

    @Test
    void anEditedDecimalThatKeepsItsValueButNotItsTypeIsFound() {
        Document target = event("case-1", 0);
        assertThat(target.get("payload", Document.class).get("amount")).isEqualTo(new Decimal128(new BigDecimal("12.50")));
        // replaced whole: the embedded server takes a $set of an equal number for no change
        target.get("payload", Document.class).put("amount", 12.5);
        events.replaceOne(eq("_id", target.get("_id")), target);

        assertThat(verifier.verify().findings()).extracting(AuditFinding::kind, AuditFinding::sequenceNumber)
                                                .containsExactly(tuple(Kind.EDITED, 0L));
    }

    @Test
    void aDocumentWithFieldsOfTheWrongTypeIsNamedAndDoesNotStopTheVerification() {
        Document target = event("case-1", 1);
        events.updateOne(eq("_id", target.get("_id")),
                         new Document("$set", new Document("sequenceNumber", "one").append("hash", 42)));

        assertThat(verifier.verify().findings())
                .extracting(AuditFinding::kind, AuditFinding::globalSequence, AuditFinding::aggregateIdentifier,
                            AuditFinding::sequenceNumber, AuditFinding::eventIdentifier)
                .containsExactlyInAnyOrder(tuple(Kind.EDITED, target.getLong("_id"), "case-1", null,
                                                 target.getString("eventIdentifier")),
                                           tuple(Kind.DELETED, null, "case-1", 1L, null));
    }

    @ParameterizedTest(name = "sequence {0} deleted")
    @ValueSource(longs = {0, 2, 3})
    void aDeletedEventNamesTheAggregateAndItsSequenceNumber(long sequenceNumber) {
        events.deleteOne(eq("_id", event("case-1", sequenceNumber).get("_id")));

        AuditReport report = verifier.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).extracting(AuditFinding::kind, AuditFinding::aggregateIdentifier,
                                                 AuditFinding::sequenceNumber)
                                     .containsExactly(tuple(Kind.DELETED, "case-1", sequenceNumber));
    }

    @Test
    void twoEventsOfAnAggregateWhoseContentsAreSwappedAreBothNamed() {
        Document first = event("case-3", 1);
        Document second = event("case-3", 2);
        events.deleteMany(and(eq("aggregateIdentifier", "case-3"),
                              new Document("sequenceNumber", new Document("$in", List.of(1L, 2L)))));
        Object firstPosition = first.get("_id");
        first.put("_id", second.get("_id"));
        second.put("_id", firstPosition);
        events.insertMany(List.of(second, first));

        AuditReport report = verifier.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).extracting(AuditFinding::kind).containsOnly(Kind.REORDERED);
        assertThat(report.findings()).extracting(AuditFinding::eventIdentifier)
                                     .containsExactlyInAnyOrder(first.getString("eventIdentifier"),
                                                                second.getString("eventIdentifier"));
    }

    @Test
    void anEventEditedWithItsHashRecomputedIsNamedByTheNextEventsChain() {
        Document target = event("case-2", 2);
        target.get("payload", Document.class).put("caseId", "someone else");
        target.put("hash", EventHash.of(target));
        events.replaceOne(eq("_id", target.get("_id")), target);

        assertThat(verifier.verify().findings())
                .extracting(AuditFinding::kind, AuditFinding::aggregateIdentifier, AuditFinding::sequenceNumber,
                            AuditFinding::eventIdentifier)
                .containsExactly(tuple(Kind.EDITED, "case-2", 2L, target.getString("eventIdentifier")));
    }

    @Test
    void aLastEventEditedWithItsHashRecomputedIsNamedByItsStream() {
        Document target = event("case-2", 3);
        target.get("payload", Document.class).put("step", 30L);
        target.put("hash", EventHash.of(target));
        events.replaceOne(eq("_id", target.get("_id")), target);

        assertThat(verifier.verify().findings()).extracting(AuditFinding::kind, AuditFinding::sequenceNumber)
                                                .containsExactly(tuple(Kind.EDITED, 3L));
    }

    @Test
    void theDigestOfASealedDayCatchesADeletionTheChainNoLongerShows() {
        List<LocalDate> sealed = ledger.sealFinishedDays(tomorrow());
        LocalDate today = LocalDate.now(AuditLedger.ZONE);
        assertThat(sealed).contains(today);
        assertThat(verifier.verify().intact()).isTrue();

        // the last event of case-3 goes, and its stream is rewound to the event before: chain and stream agree
        Document last = event("case-3", 3);
        Document before = event("case-3", 2);
        events.deleteOne(eq("_id", last.get("_id")));
        streams.updateOne(eq("_id", "case-3"), new Document("$set", new Document("last", 2L).append("copied", 2L)
                                                                                        .append("hash", before.get("hash")))
                .append("$pop", new Document("globals", 1)));

        AuditReport report = verifier.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).extracting(AuditFinding::kind, AuditFinding::day)
                                     .containsExactly(tuple(Kind.DIGEST_MISMATCH, today.toString()));
        assertThat(report.findings().get(0).message()).contains("sealed " + EVENTS).contains("found " + (EVENTS - 1));
    }

    @Test
    void aDigestRecomputedAfterTheChainWasRewrittenFailsItsSealNamingTheDay() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 7);
        AuditLedger sealing = AuditLedger.on(database, new DaySeal(key));
        AuditVerifier keyed = AuditVerifier.on(database, sealing, Clock.systemUTC());
        LocalDate today = LocalDate.now(AuditLedger.ZONE);
        assertThat(sealing.sealFinishedDays(tomorrow())).contains(today);
        assertThat(keyed.verify().intact()).isTrue();

        // whoever may write the database removes case-3's last event, rewinds its stream and seals the day again,
        // with a key of their own: chain, stream and digest agree
        Document before = event("case-3", 2);
        events.deleteOne(eq("_id", event("case-3", 3).get("_id")));
        streams.updateOne(eq("_id", "case-3"), new Document("$set", new Document("last", 2L).append("copied", 2L)
                                                                                        .append("hash", before.get("hash")))
                .append("$pop", new Document("globals", 1)));
        database.getCollection("audit_digests").deleteOne(eq("_id", today.toString()));
        byte[] theirs = new byte[32];
        AuditLedger.on(database, new DaySeal(theirs)).sealFinishedDays(tomorrow());
        assertThat(verifier.verify().findings()).as("without the key, nothing shows").isEmpty();

        AuditReport report = keyed.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).extracting(AuditFinding::kind, AuditFinding::day)
                                     .containsExactly(tuple(Kind.SEAL_MISMATCH, today.toString()));
    }

    @Test
    void daysDigestedBeforeTheSealKeyAreReportedAsSuchNotAsAMismatch() {
        LocalDate today = LocalDate.now(AuditLedger.ZONE);
        // sealed by a version without a key
        assertThat(ledger.sealFinishedDays(tomorrow())).containsExactly(today);
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 9);
        AuditLedger keyedLedger = AuditLedger.on(database, new DaySeal(key));
        // the next day is sealed under the key, chained to nothing before it
        Clock dayAfter = Clock.offset(tomorrow(), Duration.ofDays(1));
        assertThat(keyedLedger.sealFinishedDays(dayAfter)).containsExactly(today.plusDays(1));
        AuditVerifier keyed = AuditVerifier.on(database, keyedLedger, Clock.systemUTC());

        AuditReport report = keyed.verify();
        assertThat(report.findings()).extracting(AuditFinding::kind, AuditFinding::day)
                                     .containsExactly(tuple(Kind.SEALED_BEFORE_KEY, today.toString()));
        assertThat(report.findings().get(0).message()).contains("before this deployment had its seal key");

        // an import of the same days under the key accepts them as the verifier does
        ExportedDays exported = new ExportedDays(new DaySeal(key));
        for (Document event : events.find().sort(new Document("_id", 1))) {
            if (!event.getBoolean("void", false)) {
                exported.event(event.getDate("timestamp"), event.getString("hash"));
            }
        }
        for (SealedDay day : keyedLedger.sealedDays().values()) {
            assertThat(exported.check(day)).as(day.day().toString()).isNull();
        }

        // a seal stripped to pass a day off as sealed before the key breaks the chain of the day after it
        keyedLedger.sealFinishedDays(Clock.offset(dayAfter, Duration.ofDays(1)));
        assertThat(keyed.verify().findings()).hasSize(1);
        database.getCollection("audit_digests").updateOne(eq("_id", today.plusDays(1).toString()),
                                                          new Document("$unset", new Document("seal", "")));
        assertThat(keyed.verify().findings()).extracting(AuditFinding::kind, AuditFinding::day)
                                             .contains(tuple(Kind.SEAL_MISMATCH, today.plusDays(2).toString()));
    }

    @Test
    void eventsStillPendingInTheirStreamAfterAnInterruptedAppendAreChecked() {
        MongoEventStorageEngine crashing = engine(step -> {
            if (step == AppendStep.STREAM_COMMITTED) {
                throw new IllegalStateException("stopped after " + step);
            }
        });
        assertThatThrownBy(() -> crashing.appendEvents(events("case-1", 4, 2))).isInstanceOf(IllegalStateException.class);
        assertThat(verifier.verify().findings()).as("findings with a copy pending").isEmpty();

        streams.updateOne(eq("_id", "case-1"), new Document("$set", new Document("pendingEvents.1.payload.step", 7L)));
        assertThat(verifier.verify().findings()).extracting(AuditFinding::kind, AuditFinding::sequenceNumber)
                                                .containsExactly(tuple(Kind.EDITED, 5L));
    }

    @Test
    void anEventAppendedAfterTamperingContinuesFromTheStreamsHashAndStaysIntact() {
        engine.appendEvents(events("case-1", 4, 1));
        engine.appendEvents(events("case-4", 0, 1));
        assertThat(verifier.verify().findings()).isEmpty();
        assertThat(event("case-1", 4).getString("prev")).isEqualTo(event("case-1", 3).getString("hash"));
        assertThat(event("case-4", 0).containsKey("prev")).isFalse();
    }

    @Test
    void aCommitTakenBackWhenItsAppendIsRefusedLeavesTheStreamsHashAsItWas() {
        List<EventMessage<?>> refused = new ArrayList<>(events("case-1", 4, 1));
        refused.addAll(events("case-2", 2, 1));
        assertThatThrownBy(() -> engine.appendEvents(refused)).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(events("case-1", 4, 1));

        assertThat(verifier.verify().findings()).isEmpty();
        assertThat(event("case-1", 4).getString("prev")).isEqualTo(event("case-1", 3).getString("hash"));
    }

    private MongoEventStorageEngine engine(java.util.function.Consumer<AppendStep> steps) {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                                      .snapshotSerializer(serializer).stepListener(steps).build();
    }

    private static List<EventMessage<?>> events(String aggregate, long first, int count) {
        List<EventMessage<?>> result = new ArrayList<>();
        for (long sequence = first; sequence < first + count; sequence++) {
            DomainEventMessage<CaseNoted> message = new GenericDomainEventMessage<>(
                    "MediationCase", aggregate, sequence,
                    new CaseNoted(aggregate, sequence, new BigDecimal("12.50")), MetaData.with("actor", "wang"));
            result.add(message);
        }
        return result;
    }

    private Document event(String aggregate, long sequenceNumber) {
        return events.find(and(eq("aggregateIdentifier", aggregate), eq("sequenceNumber", sequenceNumber))).first();
    }

    /** A clock a day and two hours on: today has ended more than the margin ago. */
    private static Clock tomorrow() {
        return Clock.fixed(Instant.now().plus(Duration.ofDays(1)).plus(Duration.ofHours(2)), AuditLedger.ZONE);
    }
}
