package cn.mediation.bench;

import cn.mediation.core.audit.EventHash;
import cn.mediation.core.eventstore.EventLogExport;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A larger event log made from an exported one (see {@link EventLogExport}): every dispute and screening sweep is
 * stored {@code copies} times under new identifiers: the export once as it is, then once more for each copy with only
 * its disputes and sweeps, in the export's order — the demo year at {@code copies} times its scale without hours of
 * commands. Committees (and any other aggregate) are kept once: the copies are mediated by the same committees in the
 * same villages, on the same dates. The copies follow one another rather than each standing next to its original,
 * so that a processing batch spans as many villages, days and fields as a batch of a year that large would (copies
 * side by side would put ten events of one bucket in every batch and flatter the replay).
 *
 * <p>What a copy changes: the aggregate's identifier wherever it stands in the line, its case number
 * ({@code DEMO-} and the first 8 characters of the identifier), the event identifier, the global sequence number
 * (the lines are numbered again from 1), and the hash chain ({@code prev}, {@code hash}, recomputed as the engine
 * computes them). The parties' names of the demo ("样例甲", "样例乙") are stored in clear in every line, originals
 * too: their sealed form is bound to the original aggregate and its key, which an export does not carry. A replay
 * of this log therefore does not decrypt names (the personal-data codec passes a value that is not ciphertext as
 * it is); everything else is the work of the demo year's events.
 */
final class ReplicatedLog {

    /** Aggregate types a copy is made of. */
    private static final Set<String> COPIED_TYPES = Set.of("Dispute", "ScreeningSweep");
    private static final Map<String, String> DEMO_NAMES = Map.of("APPLICANT", "样例甲", "RESPONDENT", "样例乙");

    private ReplicatedLog() {
    }

    /** What {@link #write} wrote. */
    record Written(long events, long aggregates) {
    }

    static Written write(Path export, int copies, Path target) throws IOException {
        Map<String, String> lastHash = new HashMap<>();
        long next = 1;
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (int copy = 0; copy < copies; copy++) {
                try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        BsonDocument original = BsonDocument.parse(line);
                        BsonValue type = original.get("type");
                        if (copy > 0 && !(type != null && type.isString()
                                && COPIED_TYPES.contains(type.asString().getValue()))) {
                            continue;
                        }
                        BsonDocument event = copy == 0 ? original : copyOf(line, original, copy);
                        event.put("_id", new BsonInt64(next++));
                        namesInClear(event);
                        chain(event, lastHash);
                        out.write(event.toJson(EventLogExport.LINE_FORMAT));
                        out.newLine();
                    }
                }
            }
        }
        return new Written(next - 1, lastHash.size());
    }

    /** The line as the {@code copy}-th copy of its aggregate stores it. */
    private static BsonDocument copyOf(String line, BsonDocument original, int copy) {
        String aggregate = original.getString("aggregateIdentifier").getValue();
        String eventIdentifier = original.getString("eventIdentifier").getValue();
        String copyAggregate = derived(aggregate, copy);
        String text = line.replace(aggregate, copyAggregate)
                          .replace("\"DEMO-" + aggregate.substring(0, 8) + "\"",
                                   "\"DEMO-" + copyAggregate.substring(0, 8) + "\"")
                          .replace(eventIdentifier, derived(eventIdentifier, copy));
        return BsonDocument.parse(text);
    }

    private static String derived(String identifier, int copy) {
        return UUID.nameUUIDFromBytes((identifier + "#copy-" + copy).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void namesInClear(BsonDocument event) {
        BsonValue parties = event.getDocument("payload", new BsonDocument()).get("parties");
        if (parties instanceof BsonArray list) {
            for (BsonValue party : list) {
                BsonDocument document = party.asDocument();
                BsonValue name = document.get("name");
                String clear = DEMO_NAMES.get(document.getString("role", new BsonString("")).getValue());
                if (name != null && name.isString() && name.asString().getValue().startsWith("pii:")
                        && clear != null) {
                    document.put("name", new BsonString(clear));
                }
            }
        }
    }

    /** Sets {@code prev} and {@code hash} as the engine does: the aggregate's previous hash, then this event's. */
    private static void chain(BsonDocument event, Map<String, String> lastHash) {
        event.remove("prev");
        event.remove("hash");
        BsonValue type = event.get("type");
        String aggregate = type != null && type.isString() ? event.getString("aggregateIdentifier").getValue() : null;
        String previous = aggregate == null ? null : lastHash.get(aggregate);
        if (previous != null) {
            event.put("prev", new BsonString(previous));
        }
        String hash = EventHash.of(event);
        event.put("hash", new BsonString(hash));
        if (aggregate != null) {
            lastHash.put(aggregate, hash);
        }
    }
}
