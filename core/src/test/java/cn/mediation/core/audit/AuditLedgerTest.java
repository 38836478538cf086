package cn.mediation.core.audit;

import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLedgerTest {

    private final MongoDatabase database = TestMongo.freshDatabase();
    private final AuditLedger ledger = AuditLedger.on(database);
    private final Instant now = Instant.now();

    @Test
    void sealsEachFinishedDayOnceAndEmptyDaysAfterTheFirstWithACountOfZero() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                                                                .eventSerializer(serializer)
                                                                .snapshotSerializer(serializer).build();
        engine.appendEvents(new GenericDomainEventMessage<>("MediationCase", "case-1", 0, "registered"),
                            new GenericDomainEventMessage<>("MediationCase", "case-1", 1, "screened"));
        LocalDate today = LocalDate.ofInstant(now, AuditLedger.ZONE);

        assertThat(ledger.sealFinishedDays(at(now))).as("sealed while today lasts").isEmpty();
        assertThat(ledger.sealFinishedDays(at(today.plusDays(1), Duration.ofMinutes(59))))
                .as("sealed within the margin after midnight").isEmpty();
        assertThat(ledger.sealFinishedDays(at(today.plusDays(1), Duration.ofMinutes(61)))).containsExactly(today);
        assertThat(ledger.sealFinishedDays(at(today.plusDays(1), Duration.ofHours(5)))).as("sealed again").isEmpty();
        assertThat(ledger.sealFinishedDays(at(today.plusDays(3), Duration.ofHours(2))))
                .containsExactly(today.plusDays(1), today.plusDays(2));

        assertThat(ledger.sealedDays().values()).extracting(SealedDay::day, SealedDay::count)
                                                .containsExactly(org.assertj.core.api.Assertions.tuple(today, 2L),
                                                                 org.assertj.core.api.Assertions.tuple(today.plusDays(1), 0L),
                                                                 org.assertj.core.api.Assertions.tuple(today.plusDays(2), 0L));
    }

    @Test
    void anEmptyLogSealsNothing() {
        assertThat(ledger.sealFinishedDays(at(now.plus(Duration.ofDays(5))))).isEmpty();
        assertThat(ledger.sealedDays()).isEmpty();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, AuditLedger.ZONE);
    }

    private static Clock at(LocalDate day, Duration afterMidnight) {
        return at(day.atStartOfDay(AuditLedger.ZONE).toInstant().plus(afterMidnight));
    }
}
