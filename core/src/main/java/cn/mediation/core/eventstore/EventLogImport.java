package cn.mediation.core.eventstore;

import cn.mediation.core.audit.EventHash;
import cn.mediation.core.eventstore.layout.EventCollections;
import com.mongodb.client.MongoCollection;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.json.JsonParseException;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.mediation.core.eventstore.layout.EventFields.AGGREGATE_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.BASE;
import static cn.mediation.core.eventstore.layout.EventFields.COPIED;
import static cn.mediation.core.eventstore.layout.EventFields.EVENT_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.GLOBALS;
import static cn.mediation.core.eventstore.layout.EventFields.HASH;
import static cn.mediation.core.eventstore.layout.EventFields.LAST;
import static cn.mediation.core.eventstore.layout.EventFields.PREV;
import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.STORED_AT;
import static cn.mediation.core.eventstore.layout.EventFields.TIMESTAMP;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static cn.mediation.core.eventstore.layout.EventFields.VOID;

/**
 * Restores an event log written by {@link EventLogExport} into an empty store, refusing it as a whole unless every
 * line is an intact stored event and every aggregate's chain holds.
 *
 * <p><b>Check first, write after.</b> A first pass reads every line and checks: it is a JSON document with a numeric
 * global sequence ({@code _id}) one above the line before, from the store's lowest number (positions are dense: a
 * number without an event is a void line, so a number far ahead cannot leave the trackers a gap to walk), an event identifier
 * seen nowhere else, a {@code hash} its content gives again ({@link EventHash}), and, for an aggregate's event, the
 * sequence number right after the aggregate's previous line with {@code prev} equal to that line's hash (the first
 * event of an aggregate has no {@code prev}). The first failure refuses the import with its line number, aggregate
 * and sequence number ({@link Refused}); nothing is written. So an edited payload fails its hash, a deleted line the
 * sequence of the next event of its aggregate (or, for a first event, the {@code prev} of the second), two swapped
 * lines the global order or the sequence. What the chain cannot show: the deletion of an aggregate's last events
 * (nothing after them is chained to them); compare the counts with the source's verification if that matters.
 *
 * <p><b>What is rebuilt.</b> The second pass writes the events as they were (same {@code _id}, {@code storedAt},
 * hashes), and then what the engine keeps beside them (see {@link MongoEventStorageEngine}): one stream document
 * per aggregate ({@code _id}, {@code last}, {@code copied} = {@code last}, {@code base} = its first sequence number,
 * {@code type}, {@code hash} = its last hash, {@code globals} = the global number of each event in sequence order)
 * and the global counter at the highest number imported, so that appends continue after the imported log and chain
 * to each aggregate's last hash. Snapshots are not imported (aggregates replay from their events) and the keys of
 * personal data are not part of an export: restore {@code personal_keys} separately, or the parties read as erased.
 *
 * <p>The target must be empty ({@code events}, {@code streams}, {@code sequence}, {@code snapshots}); otherwise
 * {@link NotEmpty}. That is checked after the file, right before writing, so that a refused file is named as such
 * whatever the target. The import is meant for a store nothing else writes to meanwhile (a restore before the
 * application takes traffic).
 */
public final class EventLogImport {

    private static final int BATCH = 1000;

    private final MongoEventStorageEngine engine;
    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> streams;

    /** A source of the export's lines that can be read more than once (check, then write). */
    @FunctionalInterface
    public interface Source {
        BufferedReader open() throws IOException;
    }

    /** What an import wrote. */
    public record Result(long events, long aggregates, long head) {
    }

    /** The export is not an intact event log: where it breaks, and why. Nothing was written. */
    public static final class Refused extends RuntimeException {

        private final long line;
        private final String aggregateIdentifier;
        private final Long sequenceNumber;
        private final String reason;

        Refused(long line, String aggregateIdentifier, Long sequenceNumber, String reason) {
            super("line " + line + (aggregateIdentifier == null ? "" : ", aggregate " + aggregateIdentifier)
                          + (sequenceNumber == null ? "" : ", sequence " + sequenceNumber) + ": " + reason);
            this.line = line;
            this.aggregateIdentifier = aggregateIdentifier;
            this.sequenceNumber = sequenceNumber;
            this.reason = reason;
        }

        /** The line number in the file, from 1. */
        public long line() {
            return line;
        }

        public String aggregateIdentifier() {
            return aggregateIdentifier;
        }

        public Long sequenceNumber() {
            return sequenceNumber;
        }

        public String reason() {
            return reason;
        }
    }

    /** The target store already holds events, streams, a counter or snapshots. */
    public static final class NotEmpty extends RuntimeException {
        NotEmpty(String collection) {
            super("The event store is not empty (collection " + collection + " has documents); an import only "
                          + "restores into an empty store");
        }
    }

    /** One aggregate's chain as the check pass found it. */
    private static final class Chain {
        final String type;
        final long base;
        long last;
        String hash;
        final List<Long> globals = new ArrayList<>();

        Chain(String type, long base) {
            this.type = type;
            this.base = base;
        }
    }

    private final cn.mediation.core.audit.AuditLedger ledger;

    public EventLogImport(MongoEventStorageEngine engine) {
        this(engine, null);
    }

    /**
     * With {@code ledger}, the sealed days the export carries are checked against its events (and, when the ledger
     * has the deployment's key, their seals: see {@link cn.mediation.core.audit.ExportedDays}) and restored.
     */
    public EventLogImport(MongoEventStorageEngine engine, cn.mediation.core.audit.AuditLedger ledger) {
        this.ledger = ledger;
        this.engine = engine;
        this.events = engine.eventsCollection().withDocumentClass(BsonDocument.class);
        this.streams = engine.streamsCollection().withDocumentClass(BsonDocument.class);
    }

    /** Checks the whole export, then, if it is intact and the store empty, writes it; see the class comment. */
    public Result run(Source source) throws IOException {
        Map<String, Chain> chains = new LinkedHashMap<>();
        long[] head = {engine.lowestGlobalSequence() - 1};
        long[] latestStoredAt = {0};
        List<cn.mediation.core.audit.SealedDay> sealedDays = new ArrayList<>();
        long count = check(source, chains, head, latestStoredAt, engine.lowestGlobalSequence(),
                           new cn.mediation.core.audit.ExportedDays(ledger == null ? null : ledger.seal()),
                           sealedDays);
        requireEmpty();
        if (ledger != null && !ledger.isEmpty()) {
            throw new NotEmpty(ledger.digestsCollectionName());
        }

        List<BsonDocument> batch = new ArrayList<>(BATCH);
        try (BufferedReader reader = source.open()) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                BsonDocument document = BsonDocument.parse(line);
                if (document.containsKey("sealedDay")) {
                    continue;
                }
                if (isVoid(document)) {
                    // as the engine marks the numbers of a refused append (trackers pass them at once)
                    long number = document.getInt64("_id").getValue();
                    document.append(EVENT_IDENTIFIER, new BsonString("void-" + number))
                            .append(AGGREGATE_IDENTIFIER, new BsonString("void-" + number))
                            .append(SEQUENCE_NUMBER, new BsonInt64(0))
                            .append(STORED_AT, new BsonDateTime(latestStoredAt[0]));
                }
                batch.add(document);
                if (batch.size() == BATCH) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            events.insertMany(batch);
        }
        List<BsonDocument> streamDocuments = new ArrayList<>(BATCH);
        for (Map.Entry<String, Chain> entry : chains.entrySet()) {
            streamDocuments.add(stream(entry.getKey(), entry.getValue()));
            if (streamDocuments.size() == BATCH) {
                streams.insertMany(streamDocuments);
                streamDocuments.clear();
            }
        }
        if (!streamDocuments.isEmpty()) {
            streams.insertMany(streamDocuments);
        }
        if (head[0] >= engine.lowestGlobalSequence()) {
            // the counter holds how many numbers were handed out, counted from the lowest global sequence
            engine.collections().sequence().insertOne(
                    new Document("_id", GlobalSequence.COUNTER_ID)
                            .append("value", head[0] - engine.lowestGlobalSequence() + 1)
                            .append("at", new Date(latestStoredAt[0])));
        }
        if (ledger != null) {
            ledger.restore(sealedDays);
        }
        engine.makeDurable();
        return new Result(count, chains.size(), head[0]);
    }

    private void requireEmpty() {
        EventCollections store = engine.collections();
        for (MongoCollection<Document> collection : List.of(store.events(), store.streams(), store.sequence(),
                                                            store.snapshots())) {
            if (collection.find().limit(1).first() != null) {
                throw new NotEmpty(collection.getNamespace().getCollectionName());
            }
        }
    }

    /** The check pass; fills the chains and returns the number of events. */
    private static long check(Source source, Map<String, Chain> chains, long[] head, long[] latestStoredAt,
                              long lowest, cn.mediation.core.audit.ExportedDays days,
                              List<cn.mediation.core.audit.SealedDay> sealedDays) throws IOException {
        Set<String> identifiers = new HashSet<>();
        long lineNumber = 0;
        long count = 0;
        long previousGlobal = Long.MIN_VALUE;
        try (BufferedReader reader = source.open()) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                BsonDocument event;
                try {
                    event = BsonDocument.parse(line);
                } catch (JsonParseException | org.bson.BsonInvalidOperationException e) {
                    // the parser's message may quote the line, which may hold text of a case: not repeated
                    throw new Refused(lineNumber, null, null, "not a JSON document");
                }
                if (event.containsKey("sealedDay")) {
                    cn.mediation.core.audit.SealedDay day = sealedDay(lineNumber, event);
                    String broken = days.check(day);
                    if (broken != null) {
                        throw new Refused(lineNumber, null, null, broken);
                    }
                    sealedDays.add(day);
                    continue;
                }
                if (!sealedDays.isEmpty()) {
                    throw new Refused(lineNumber, null, null, "an event after the sealed days (they close the file)");
                }
                String aggregate = text(event, AGGREGATE_IDENTIFIER);
                String type = text(event, TYPE);
                BsonValue sequenceValue = event.get(SEQUENCE_NUMBER);
                Long sequence = sequenceValue != null && sequenceValue.isNumber()
                        ? sequenceValue.asNumber().longValue() : null;
                if (!(event.get("_id") instanceof BsonInt64 id)) {
                    throw new Refused(lineNumber, aggregate, sequence,
                                      "no global sequence number (_id as a 64-bit integer)");
                }
                long global = id.getValue();
                long expected = previousGlobal == Long.MIN_VALUE ? lowest : previousGlobal + 1;
                if (isVoid(event)) {
                    if (event.size() != 2) {
                        throw new Refused(lineNumber, null, null, "a void line holds only _id and void");
                    }
                    requireDense(lineNumber, null, null, global, expected, lowest);
                    previousGlobal = global;
                    head[0] = global;
                    continue;
                }
                String eventIdentifier = text(event, EVENT_IDENTIFIER);
                if (eventIdentifier == null || !identifiers.add(eventIdentifier)) {
                    throw new Refused(lineNumber, aggregate, sequence, eventIdentifier == null
                            ? "no event identifier" : "event identifier " + eventIdentifier + " appears twice");
                }
                if (!(event.get(STORED_AT) instanceof BsonDateTime storedAt)) {
                    throw new Refused(lineNumber, aggregate, sequence, "no storedAt date");
                }
                String hash = text(event, HASH);
                if (hash == null || !hash.equals(EventHash.of(event))) {
                    throw new Refused(lineNumber, aggregate, sequence, hash == null ? "no hash"
                            : "the event's content does not give its hash (edited)");
                }
                String prev = text(event, PREV);
                if (type != null) {
                    if (aggregate == null || sequence == null) {
                        throw new Refused(lineNumber, aggregate, sequence,
                                          "an aggregate's event without aggregate identifier or sequence number");
                    }
                    Chain chain = chains.get(aggregate);
                    if (chain == null) {
                        if (prev != null) {
                            throw new Refused(lineNumber, aggregate, sequence, "the aggregate's first event in the "
                                    + "file is chained to a predecessor that is not in it (deleted or moved)");
                        }
                        chain = new Chain(type, sequence);
                        chains.put(aggregate, chain);
                    } else {
                        if (sequence != chain.last + 1) {
                            throw new Refused(lineNumber, aggregate, sequence, "sequence " + (chain.last + 1)
                                    + " of the aggregate was expected here (a line deleted or moved)");
                        }
                        if (!chain.hash.equals(prev)) {
                            throw new Refused(lineNumber, aggregate, sequence, "not chained to the aggregate's "
                                    + "previous event (its prev is not that event's hash)");
                        }
                        if (!type.equals(chain.type)) {
                            throw new Refused(lineNumber, aggregate, sequence,
                                              "aggregate type " + type + " where it was " + chain.type);
                        }
                    }
                    chain.last = sequence;
                    chain.hash = hash;
                    chain.globals.add(global);
                } else if (prev != null) {
                    throw new Refused(lineNumber, aggregate, sequence, "an event of no aggregate has a prev");
                }
                if (event.get(TIMESTAMP) instanceof BsonDateTime timestamp) {
                    days.event(new Date(timestamp.getValue()), hash);
                }
                // after the line's own checks, so that a moved or deleted line of an aggregate is named by its chain
                requireDense(lineNumber, aggregate, sequence, global, expected, lowest);
                previousGlobal = global;
                head[0] = global;
                latestStoredAt[0] = Math.max(latestStoredAt[0], storedAt.getValue());
                count++;
            }
        }
        return count;
    }

    private static cn.mediation.core.audit.SealedDay sealedDay(long line, BsonDocument document) {
        try {
            return new cn.mediation.core.audit.SealedDay(
                    java.time.LocalDate.parse(document.getString("sealedDay").getValue()),
                    document.getInt64("count").getValue(), document.getString("digest").getValue(),
                    java.time.Instant.ofEpochMilli(document.getDateTime("sealedAt").getValue()),
                    document.containsKey("seal") ? document.getString("seal").getValue() : null);
        } catch (org.bson.BsonInvalidOperationException | java.time.format.DateTimeParseException e) {
            throw new Refused(line, null, null, "a sealed day without its day, count, digest and sealedAt");
        }
    }

    private static void requireDense(long line, String aggregate, Long sequence, long global, long expected,
                                     long lowest) {
        if (global != expected) {
            throw new Refused(line, aggregate, sequence, "global sequence " + global + " where " + expected
                    + " was expected (positions are dense: every number from " + lowest + " has its line, a number "
                    + "without an event a void line)");
        }
    }

    private static boolean isVoid(BsonDocument document) {
        return document.get(VOID) instanceof org.bson.BsonBoolean flag && flag.getValue();
    }

    private static BsonDocument stream(String aggregate, Chain chain) {
        BsonArray globals = new BsonArray();
        chain.globals.forEach(global -> globals.add(new BsonInt64(global)));
        return new BsonDocument("_id", new BsonString(aggregate))
                .append(LAST, new BsonInt64(chain.last))
                .append(COPIED, new BsonInt64(chain.last))
                .append(TYPE, new BsonString(chain.type))
                .append(HASH, new BsonString(chain.hash))
                .append(GLOBALS, globals)
                .append(BASE, new BsonInt64(chain.base));
    }

    private static String text(BsonDocument document, String key) {
        BsonValue value = document.get(key);
        return value != null && value.isString() ? value.asString().getValue() : null;
    }
}
