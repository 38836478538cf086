package cn.mediation.core.audit;

import cn.mediation.core.audit.AuditFinding.Kind;
import cn.mediation.core.eventstore.layout.EventCollections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static cn.mediation.core.eventstore.layout.EventFields.AGGREGATE_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.BASE;
import static cn.mediation.core.eventstore.layout.EventFields.COPIED;
import static cn.mediation.core.eventstore.layout.EventFields.EVENT_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.GLOBAL_SEQUENCE;
import static cn.mediation.core.eventstore.layout.EventFields.HASH;
import static cn.mediation.core.eventstore.layout.EventFields.LAST;
import static cn.mediation.core.eventstore.layout.EventFields.PENDING_EVENTS;
import static cn.mediation.core.eventstore.layout.EventFields.PREV;
import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.TIMESTAMP;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static cn.mediation.core.eventstore.layout.EventFields.VOID;

/**
 * Checks the whole event log against its hashes, chains, streams and sealed days, and names what does not fit.
 *
 * <p>It reads the streams first and the log after, both once, so events appended meanwhile are at most unexpected
 * extras, never reported as missing. Per event it keeps only identifiers and hashes. Per aggregate, in sequence
 * order: a stored hash that its recomputation does not give, or that the next event was not chained to, or that is
 * not the stream's last hash, is an edit; a sequence number between the stream's base and its {@code last} without
 * an event is a deletion; a later sequence number at a lower global position is a reordering (a swap of two events'
 * contents leaves every hash and chain intact, only their positions tell). A sealed day whose events no longer give
 * its count and digest is a digest mismatch. Events still pending in a stream (an append interrupted before its copy)
 * are checked from the stream.
 */
public final class AuditVerifier {

    public static final int MAX_FINDINGS = 1000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> streams;
    private final AuditLedger ledger;
    private final Clock clock;

    public AuditVerifier(MongoCollection<Document> events, MongoCollection<Document> streams, AuditLedger ledger,
                         Clock clock) {
        this.events = events;
        this.streams = streams;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The verifier of the engine's collections in {@code database} (no collection prefix). */
    public static AuditVerifier on(MongoDatabase database, AuditLedger ledger, Clock clock) {
        return on(EventCollections.in(database), ledger, clock);
    }

    /** The verifier of the event store's {@code collections}, whatever their prefix. */
    public static AuditVerifier on(EventCollections collections, AuditLedger ledger, Clock clock) {
        return new AuditVerifier(collections.events(), collections.streams(), ledger, clock);
    }

    /** What the verifier keeps of one stored event. */
    private record Entry(Long globalSequence, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                         String hash, String prev, boolean hashMatches, boolean inLog) {
    }

    private record Stream(long base, long last, String hash) {
    }

    public AuditReport verify() {
        return verify(null);
    }

    /**
     * The verification of one area's records: the whole log is checked as by {@link #verify()}, but the report
     * counts and names only the events of the aggregates {@code area} keeps (given every aggregate identifier seen,
     * it answers those inside the area). The sealed days cover the whole log, so an area's report counts none.
     */
    public AuditReport verify(java.util.function.UnaryOperator<Set<String>> area) {
        Findings findings = new Findings();
        List<AuditFinding> scanned = new ArrayList<>();
        Map<LocalDate, SealedDay> sealed = ledger.sealedDays();
        Map<String, Stream> streamStates = new HashMap<>();
        Map<String, List<Entry>> byAggregate = new LinkedHashMap<>();
        readStreams(streamStates, byAggregate);

        Map<LocalDate, DayDigest> days = new HashMap<>();
        long checked = 0;
        for (Document event : events.find().sort(Sorts.ascending("_id"))) {
            if (event.getBoolean(VOID, false)) {
                continue;
            }
            checked++;
            if (!(event.get("_id") instanceof Number position)) {
                scanned.add(new AuditFinding(Kind.EDITED, null, text(event, AGGREGATE_IDENTIFIER), null,
                                              text(event, EVENT_IDENTIFIER), null,
                                              "a log document whose _id is not a global sequence number"));
                continue;
            }
            Entry entry = entryOf(event, text(event, AGGREGATE_IDENTIFIER), position.longValue(), true);
            if (!entry.hashMatches()) {
                scanned.add(Findings.of(Kind.EDITED, entry, "the event's content does not give its stored hash"));
            }
            LocalDate day = event.get(TIMESTAMP) instanceof Date timestamp ? AuditLedger.dayOf(timestamp) : null;
            if (day != null && sealed.containsKey(day)) {
                days.computeIfAbsent(day, d -> new DayDigest()).add(entry.hash());
            }
            if (event.get(TYPE) != null) {
                byAggregate.computeIfAbsent(entry.aggregateIdentifier(), a -> new ArrayList<>()).add(entry);
            }
        }
        long aggregates = byAggregate.size();
        long sealedDays = sealed.size();
        if (area != null) {
            Set<String> seen = new HashSet<>(byAggregate.keySet());
            seen.addAll(streamStates.keySet());
            Set<String> kept = area.apply(seen);
            findings.keepOnly(kept);
            checked = byAggregate.entrySet().stream().filter(a -> kept.contains(a.getKey()))
                                 .mapToLong(a -> a.getValue().stream().filter(Entry::inLog).count()).sum();
            aggregates = byAggregate.keySet().stream().filter(kept::contains).count();
            sealedDays = 0;
        }
        scanned.forEach(findings::add);
        for (Map.Entry<String, List<Entry>> aggregate : byAggregate.entrySet()) {
            checkAggregate(aggregate.getKey(), aggregate.getValue(), streamStates.get(aggregate.getKey()), findings);
        }
        for (Map.Entry<String, Stream> stream : streamStates.entrySet()) {
            if (!byAggregate.containsKey(stream.getKey())) {
                checkAggregate(stream.getKey(), List.of(), stream.getValue(), findings);
            }
        }
        for (SealedDay day : sealed.values()) {
            DayDigest found = days.getOrDefault(day.day(), new DayDigest());
            long count = found.count();
            if (count != day.count() || !found.finish().equals(day.digest())) {
                findings.add(new AuditFinding(Kind.DIGEST_MISMATCH, null, null, null, null, day.day().toString(),
                                              "sealed " + day.count() + " event(s) with digest " + day.digest()
                                                      + ", found " + count + " whose digest differs"));
            }
        }
        DaySeal seal = ledger.seal();
        if (seal != null) {
            String previous = null;
            boolean keyed = false;
            for (SealedDay day : sealed.values()) {
                keyed |= day.seal() != null;
                if (!keyed) {
                    // the days before the first sealed one were digested before the deployment had its key
                    findings.add(new AuditFinding(Kind.SEALED_BEFORE_KEY, null, null, null, null, day.day().toString(),
                                                  "the day was digested before this deployment had its seal "
                                                          + "key: its digest holds, but no seal vouches for it"));
                } else if (!seal.holds(day.day(), day.count(), day.digest(), previous, day.seal())) {
                    findings.add(new AuditFinding(Kind.SEAL_MISMATCH, null, null, null, null, day.day().toString(),
                                                  day.seal() == null ? "the day's digest carries no seal"
                                                          : "the day's count and digest are not the ones sealed "
                                                                  + "under this deployment's key"));
                }
                previous = day.seal();
            }
        }
        return new AuditReport(clock.instant(), checked, aggregates, sealedDays,
                               findings.isEmpty(), findings.list(), findings.omitted());
    }

    /** Reads the streams' bounds and last hashes, and the events whose copy into the log is still pending. */
    private void readStreams(Map<String, Stream> streamStates, Map<String, List<Entry>> byAggregate) {
        for (Document stream : streams.find().projection(Projections.include(
                BASE, LAST, COPIED, HASH, TYPE, PENDING_EVENTS))) {
            String aggregate = String.valueOf(stream.get("_id"));
            long copied = number(stream, COPIED, -1);
            streamStates.put(aggregate, new Stream(number(stream, BASE, 0), number(stream, LAST, -1),
                                                   text(stream, HASH)));
            if (!(stream.get(PENDING_EVENTS) instanceof List<?> pendingEvents)) {
                continue;
            }
            for (Object element : pendingEvents) {
                if (element instanceof Document pending && number(pending, SEQUENCE_NUMBER, -1) > copied) {
                    Document logForm = new Document(pending).append(AGGREGATE_IDENTIFIER, aggregate)
                                                            .append(TYPE, stream.get(TYPE));
                    Long global = pending.get(GLOBAL_SEQUENCE) instanceof Number n ? n.longValue() : null;
                    byAggregate.computeIfAbsent(aggregate, a -> new ArrayList<>())
                               .add(entryOf(logForm, aggregate, global, false));
                }
            }
        }
    }

    private static Entry entryOf(Document event, String aggregate, Long globalSequence, boolean inLog) {
        String hash = text(event, HASH);
        return new Entry(globalSequence, aggregate, number(event, SEQUENCE_NUMBER, -1), text(event, EVENT_IDENTIFIER),
                         hash, text(event, PREV), EventHash.of(event).equals(hash), inLog);
    }

    // tampered documents may hold anything: a field of an unexpected type counts as absent, never as a crash

    private static String text(Document document, String key) {
        return document.get(key) instanceof String text ? text : null;
    }

    private static long number(Document document, String key, long otherwise) {
        return document.get(key) instanceof Number number ? number.longValue() : otherwise;
    }

    private static void checkAggregate(String aggregate, List<Entry> found, Stream stream, Findings findings) {
        // an event both in the log and still pending in the stream is checked once, from the log
        Map<Long, Entry> bySequence = new HashMap<>();
        for (Entry entry : found) {
            if (entry.sequenceNumber() < 0) {
                continue; // no readable sequence number: already named as edited, it has no place in the chain
            }
            bySequence.merge(entry.sequenceNumber(), entry, (a, b) -> a.inLog() ? a : b);
        }
        List<Entry> entries = new ArrayList<>(bySequence.values());
        entries.sort(Comparator.comparingLong(Entry::sequenceNumber));
        long base = stream == null ? 0 : stream.base();
        long last = Math.max(stream == null ? -1 : stream.last(),
                             entries.isEmpty() ? -1 : entries.get(entries.size() - 1).sequenceNumber());
        for (long sequence = base; sequence <= last; sequence++) {
            if (!bySequence.containsKey(sequence)) {
                findings.add(new AuditFinding(Kind.DELETED, null, aggregate, sequence, null, null,
                                              "sequence " + sequence + " of the aggregate is missing from the log"));
            }
        }
        Entry previous = null;
        Entry previousInLog = null;
        for (Entry entry : entries) {
            if (!entry.inLog() && !entry.hashMatches()) {
                findings.add(Kind.EDITED, entry, "the pending copy in the stream does not give its stored hash");
            }
            if (entry.sequenceNumber() == base && entry.prev() != null && entry.hashMatches()) {
                findings.add(Kind.EDITED, entry, "the aggregate's first event is chained to a predecessor");
            }
            if (previous != null && previous.sequenceNumber() + 1 == entry.sequenceNumber() && entry.hashMatches()
                    && !Objects.equals(entry.prev(), previous.hash())) {
                findings.add(Kind.EDITED, previous, "its hash is not the one sequence " + entry.sequenceNumber()
                        + " (global " + entry.globalSequence() + ") was chained to");
            }
            if (entry.inLog()) {
                if (previousInLog != null && previousInLog.globalSequence() > entry.globalSequence()) {
                    findings.add(Kind.REORDERED, previousInLog, "stands after sequence " + entry.sequenceNumber()
                            + " (global " + entry.globalSequence() + ") in the log");
                    findings.add(Kind.REORDERED, entry, "stands before sequence " + previousInLog.sequenceNumber()
                            + " (global " + previousInLog.globalSequence() + ") in the log");
                }
                previousInLog = entry;
            }
            previous = entry;
        }
        if (stream != null && stream.hash() != null && previous != null && previous.sequenceNumber() == stream.last()
                && !stream.hash().equals(previous.hash())) {
            findings.add(Kind.EDITED, previous, "its hash is not the last hash its stream recorded");
        }
    }

    /** The findings, each event named once per kind, up to {@link #MAX_FINDINGS}. */
    private static final class Findings {

        private final List<AuditFinding> list = new ArrayList<>();
        private final Set<String> named = new HashSet<>();
        private long omitted;
        private Set<String> kept;

        static AuditFinding of(Kind kind, Entry entry, String message) {
            return new AuditFinding(kind, entry.globalSequence(), entry.aggregateIdentifier(),
                                    entry.sequenceNumber() < 0 ? null : entry.sequenceNumber(), entry.eventIdentifier(),
                                    null, message);
        }

        /** From now on, only findings about these aggregates count (an area's report). */
        void keepOnly(Set<String> aggregates) {
            kept = aggregates;
        }

        void add(Kind kind, Entry entry, String message) {
            add(of(kind, entry, message));
        }

        void add(AuditFinding finding) {
            if (kept != null && (finding.aggregateIdentifier() == null || !kept.contains(finding.aggregateIdentifier()))) {
                return;
            }
            String key = finding.kind() + "|" + finding.aggregateIdentifier() + "|" + finding.sequenceNumber() + "|"
                    + finding.globalSequence() + "|" + finding.day();
            if (!named.add(key)) {
                return;
            }
            if (list.size() < MAX_FINDINGS) {
                list.add(finding);
            } else {
                omitted++;
            }
        }

        boolean isEmpty() {
            return list.isEmpty() && omitted == 0;
        }

        List<AuditFinding> list() {
            return List.copyOf(list);
        }

        long omitted() {
            return omitted;
        }
    }
}
