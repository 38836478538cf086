package cn.mediation.query.statistics;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processing stopped after the read-model writes of a batch but before its token (and the disputes' facts) were
 * stored, then the events delivered again in batches cut differently: the figures equal those of a clean run.
 */
class RedeliveryTest {

    static final String[] VILLAGES = {"511902101001", "511902101002", "511903101001", "511921102003"};

    static List<EventMessage<?>> year() {
        Random random = new Random(7);
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = UUID.nameUUIDFromBytes(("d" + i).getBytes()).toString();
            String village = VILLAGES[random.nextInt(VILLAGES.length)];
            LocalDate day = LocalDate.of(2025, 1 + random.nextInt(11), 1 + random.nextInt(28));
            List<Object> life = new ArrayList<>();
            life.add(new DisputeRegisteredEvent(id, "n" + i, "C" + village, village, i % 3 == 0 ? "EPIDEMIC" : "NEIGHBOURS",
                                                i % 4 == 0 ? DisputeSource.SWEEP : DisputeSource.APPLICATION, "s", day,
                                                null, 2, BigDecimal.TEN, List.of(), "a"));
            life.add(new DisputeScreenedEvent(id, i % 5 == 0 ? RiskGrade.MAJOR : RiskGrade.ORDINARY,
                                              ScreeningDecision.ACCEPT, null, false, false, day, "a"));
            life.add(new MediationStartedEvent(id, "c", List.of("m"), MediationChannel.PEOPLES, RegionLevel.VILLAGE,
                                               village, day, "a"));
            if (i % 7 == 0) {
                life.add(new MediationFailedEvent(id, "no", RegionLevel.VILLAGE, village, day.plusDays(3), "a"));
            } else {
                life.add(new DisputeResolvedEvent(id, AgreementForm.ORAL, "t", null, RegionLevel.VILLAGE, village,
                                                  day.plusDays(1 + i % 9), "a"));
                life.add(new FollowUpRecordedEvent(id, 1 + i % 5, null, day.plusDays(20), "a"));
            }
            for (int seq = 0; seq < life.size(); seq++) {
                events.add(new GenericDomainEventMessage<>("Dispute", id, seq, life.get(seq)));
            }
        }
        return events;
    }

    static Map<String, Object> figures(StatisticsStore store) {
        return new StatisticsCalculator(store).compute(List.of("511900000000"), LocalDate.of(2025, 1, 1),
                                                       LocalDate.of(2025, 12, 31), List.of(BucketKeys.ALL),
                                                       LocalDate.of(2026, 1, 10), 30)
                                              .get("511900000000").get(BucketKeys.ALL).figures();
    }

    static void processInBatches(MongoDatabase database, List<EventMessage<?>> events, int from, int size) {
        MongoStatisticsStore store = new MongoStatisticsStore(database);
        DisputeIndexes.Mongo index = new DisputeIndexes.Mongo(database);
        for (int start = from; start < events.size(); start += size) {
            BufferedStatisticsStore buffer = new BufferedStatisticsStore(store, index);
            StatisticsModel model = new StatisticsModel(buffer, buffer);
            for (EventMessage<?> event : events.subList(start, Math.min(events.size(), start + size))) {
                model.apply(event.getPayload(), ((GenericDomainEventMessage<?>) event).getSequenceNumber(),
                            event.getIdentifier());
            }
            buffer.flush();
        }
    }

    @Test
    void aBatchRepeatedAfterACrashCountsEveryEventOnce() {
        List<EventMessage<?>> events = year();
        MongoDatabase clean = TestMongo.freshDatabase();
        processInBatches(clean, events, 0, 25);
        Map<String, Object> expected = figures(new MongoStatisticsStore(clean));

        MongoDatabase crashed = TestMongo.freshDatabase();
        processInBatches(crashed, events.subList(0, 50), 0, 25);
        // the batch of events 50..89: its buckets written, then the process stopped before facts and token
        MongoStatisticsStore store = new MongoStatisticsStore(crashed);
        BufferedStatisticsStore buffer = new BufferedStatisticsStore(store, new DisputeIndexes.Mongo(crashed));
        StatisticsModel model = new StatisticsModel(buffer, buffer);
        for (EventMessage<?> event : events.subList(50, 90)) {
            model.apply(event.getPayload(), ((GenericDomainEventMessage<?>) event).getSequenceNumber(),
                        event.getIdentifier());
        }
        buffer.flushBuckets();
        assertThat(figures(store)).as("figures right after the stop differ").isNotEqualTo(expected);
        // delivered again from the last stored token (event 50), cut into batches of another size
        processInBatches(crashed, events, 50, 17);

        assertThat(figures(new MongoStatisticsStore(crashed))).isEqualTo(expected);
        assertThat(expected.get("registered")).isEqualTo(60L);
    }
}
