package cn.mediation.bench;

import cn.mediation.core.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * W4: loading a long case — an aggregate with 200 events — from the full stream, and from a snapshot at its 199th
 * event plus what follows, on our engine as the app runs it. The snapshot is a state document shaped like a
 * dispute's (registration, parties, status, dates).
 */
final class LongCaseWorkload {

    private static final int EVENTS = 200;

    private final EmbeddedMongo mongo;
    private final int aggregates;
    private final int rounds;
    private final Report report;

    LongCaseWorkload(EmbeddedMongo mongo, int aggregates, int rounds, Report report) {
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.rounds = rounds;
        this.report = report;
    }

    void run() {
        MongoEventStorageEngine engine = Engines.ours(mongo, "long_cases", false);
        List<String> ids = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int seq = 0; seq < EVENTS; seq++) {
                events.add(new GenericDomainEventMessage<>("Dispute", id, seq, payload(seq)));
            }
            for (int from = 0; from < EVENTS; from += 50) {
                engine.appendEvents(events.subList(from, from + 50));
            }
            engine.storeSnapshot(new GenericDomainEventMessage<>("Dispute", id, EVENTS - 2, state(id)));
        }
        mongo.commit();
        double[] full = new double[aggregates * rounds];
        double[] snapshot = new double[aggregates * rounds];
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (String id : ids) {
                long start = System.nanoTime();
                int read = drain(engine.readEvents(id));
                full[n] = (System.nanoTime() - start) / 1e3;
                start = System.nanoTime();
                var snap = engine.readSnapshot(id);
                long next = snap.map(s -> s.getSequenceNumber() + 1).orElse(0L);
                int rest = drain(engine.readEvents(id, next));
                snapshot[n] = (System.nanoTime() - start) / 1e3;
                if (read != EVENTS || rest != EVENTS - next) {
                    throw new IllegalStateException("read " + read + " events and " + rest + " after the snapshot");
                }
                n++;
            }
        }
        report.section("W4 long cases: an aggregate of " + EVENTS + " events");
        report.note(aggregates + " aggregates, " + rounds + " rounds; µs per load, events fully read");
        report.row("load from the full stream, median", Stats.median(full), "µs", "long_case_full_median_us");
        report.row("load from the full stream, p99", Stats.percentile(full, 99), "µs", "long_case_full_p99_us");
        report.row("load from a snapshot + 1 event, median", Stats.median(snapshot), "µs",
                   "long_case_snapshot_median_us");
        report.row("load from a snapshot + 1 event, p99", Stats.percentile(snapshot, 99), "µs",
                   "long_case_snapshot_p99_us");
        report.row("snapshot speed-up (median)", Stats.ratio(Stats.median(full), Stats.median(snapshot)), "×",
                   "long_case_snapshot_speedup");
    }

    private static int drain(DomainEventStream stream) {
        int count = 0;
        while (stream.hasNext()) {
            stream.next().getPayload();
            count++;
        }
        return count;
    }

    private static Map<String, Object> payload(int seq) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("step", seq);
        payload.put("date", "2026-03-" + (1 + seq % 28));
        payload.put("actor", "mediator-" + (seq % 5));
        payload.put("notes", "第" + seq + "次调解记录，双方陈述意见并协商");
        return payload;
    }

    private static Map<String, Object> state(String id) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("disputeId", id);
        state.put("status", "MEDIATING");
        state.put("handlingUnit", "511902101001");
        state.put("latestDate", "2026-03-28");
        state.put("registration", Map.of("villageCode", "511902101001", "field", "NEIGHBOURS",
                                         "summary", "宅基地边界纠纷", "parties", List.of(Map.of("role", "APPLICANT"))));
        state.put("version", EVENTS - 2);
        return state;
    }
}
