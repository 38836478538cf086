package cn.mediation.core.eventstore;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static cn.mediation.core.eventstore.layout.EventFields.VOID;
import static com.mongodb.client.model.Filters.in;

/**
 * Writes the whole event log as NDJSON: one line per stored event, in global order, each the document exactly as
 * the {@code events} collection holds it ({@code _id} = global sequence, {@code storedAt}, {@code hash},
 * {@code prev}, and the payload as stored, so personal data stays sealed under its dispute's key).
 *
 * <p>Lines are canonical MongoDB Extended JSON, not relaxed: an event's hash is taken over the BSON types of its
 * fields (an int32 and an int64 of the same value hash differently, see {@code EventHash}), and only the canonical
 * form brings every type back as it was. {@link EventLogImport} reads this format.
 *
 * <p>The keys of {@code personal_keys} are not part of the export: a copy of the log alone is no copy of anyone's
 * personal data. Restored without the keys, personal fields read as erased.
 *
 * <p>The log is read in windows of global numbers ({@code _id $in [window]}, an index lookup also on the embedded
 * server, see ADR 1) up to the head at the start, so memory stays bounded and no sort is needed. Numbers with no
 * event (gaps) and numbers voided by a refused append are not events: each is a void line holding only its number,
 * so that every position from the lowest to the head has its line and an import can require them dense. Events appended while the
 * export runs may or may not be in it; export a quiet store for a copy that an import accepts as a whole (an event
 * whose predecessor landed in a window already read would be missing its link, and the import says so).
 */
public final class EventLogExport {

    /** Canonical Extended JSON: every BSON type comes back as written. */
    public static final JsonWriterSettings LINE_FORMAT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
                                                                           .build();
    private static final int WINDOW = 500;

    private final MongoCollection<BsonDocument> events;
    private final long lowest;
    private final long head;
    private final cn.mediation.core.audit.AuditLedger ledger;

    public EventLogExport(MongoEventStorageEngine engine) {
        this(engine, null);
    }

    /** With {@code ledger}, the sealed days follow the events, one line each ({@link #sealedDayLine}). */
    public EventLogExport(MongoEventStorageEngine engine, cn.mediation.core.audit.AuditLedger ledger) {
        this.events = engine.eventsCollection().withDocumentClass(BsonDocument.class);
        this.lowest = engine.lowestGlobalSequence();
        this.head = engine.headPosition();
        this.ledger = ledger;
    }

    /** A sealed day as a line: {@code sealedDay}, {@code count}, {@code digest}, {@code sealedAt}, {@code seal}. */
    public static String sealedDayLine(cn.mediation.core.audit.SealedDay day) {
        BsonDocument line = new BsonDocument("sealedDay", new org.bson.BsonString(day.day().toString()))
                .append("count", new org.bson.BsonInt64(day.count()))
                .append("digest", new org.bson.BsonString(day.digest()))
                .append("sealedAt", new org.bson.BsonDateTime(day.sealedAt().toEpochMilli()));
        if (day.seal() != null) {
            line.append("seal", new org.bson.BsonString(day.seal()));
        }
        return line.toJson(LINE_FORMAT);
    }

    /**
     * Writes every event stored up to the head when this export was made, and every number up to it with no event
     * as a void line ({@code {"_id": n, VOID: true}}), so that the file's positions are dense; returns how many
     * events it wrote.
     */
    public long writeTo(Writer out) throws IOException {
        long written = 0;
        for (long from = lowest; from <= head; from += WINDOW) {
            List<Long> window = LongStream.rangeClosed(from, Math.min(head, from + WINDOW - 1)).boxed()
                                          .collect(Collectors.toList());
            List<BsonDocument> found = events.find(in("_id", window)).into(new ArrayList<>());
            java.util.Map<Long, BsonDocument> byNumber = new java.util.HashMap<>();
            found.forEach(event -> byNumber.put(number(event.get("_id")), event));
            for (long number : window) {
                BsonDocument event = byNumber.get(number);
                if (event == null || event.getBoolean(VOID, org.bson.BsonBoolean.FALSE).getValue()) {
                    // a number with no event: written as a void line, so that the positions are dense
                    out.write(new BsonDocument("_id", new org.bson.BsonInt64(number))
                                      .append(VOID, org.bson.BsonBoolean.TRUE).toJson(LINE_FORMAT));
                    out.write('\n');
                    continue;
                }
                out.write(event.toJson(LINE_FORMAT));
                out.write('\n');
                written++;
            }
        }
        if (ledger != null) {
            for (cn.mediation.core.audit.SealedDay day : ledger.sealedDays().values()) {
                out.write(sealedDayLine(day));
                out.write('\n');
            }
        }
        out.flush();
        return written;
    }

    /** The export as one string, for tests and small stores. */
    public String asString() {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static long number(BsonValue value) {
        return value.isNumber() ? value.asNumber().longValue() : Long.MAX_VALUE;
    }
}
