package cn.mediation.core.audit;

import com.mongodb.MongoClientSettings;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static cn.mediation.core.eventstore.layout.EventFields.AGGREGATE_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.EVENT_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.META_DATA;
import static cn.mediation.core.eventstore.layout.EventFields.PAYLOAD;
import static cn.mediation.core.eventstore.layout.EventFields.PAYLOAD_REVISION;
import static cn.mediation.core.eventstore.layout.EventFields.PAYLOAD_TYPE;
import static cn.mediation.core.eventstore.layout.EventFields.PREV;
import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.TIMESTAMP;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;

/**
 * The SHA-256 of one stored event, chained to its aggregate's previous event through {@code prev}.
 *
 * <p>The hash covers the fields in {@link #HASHED_FIELDS}, taken from the document as it is stored (after any
 * transformation of the payload, such as encryption), so that it can be recomputed from the collection alone. It
 * leaves out the global sequence number ({@code _id}) and {@code storedAt}: recovery of an interrupted append may
 * copy an event under a new number at a later time, and that must not change its hash. An absent field counts as
 * null.
 *
 * <p>Canonical form: a copy of those fields with the keys of every (nested) document sorted in Java string order,
 * written as MongoDB Extended JSON in canonical mode (which keeps BSON types apart: an int32 1, an int64 1, a double
 * 1.0 and a decimal 1 all differ) and encoded as UTF-8. The order of array elements is kept.
 */
public final class EventHash {

    /** The fields of a stored event that its hash covers, {@code prev} included. */
    public static final List<String> HASHED_FIELDS = List.of(
            AGGREGATE_IDENTIFIER, TYPE, SEQUENCE_NUMBER, EVENT_IDENTIFIER, TIMESTAMP, PAYLOAD_TYPE,
            PAYLOAD_REVISION, PAYLOAD, META_DATA, PREV);

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
                                                                          .build();
    private static final HexFormat HEX = HexFormat.of();

    private EventHash() {
    }

    /** The hex SHA-256 of the stored event document (log form, with {@code aggregateIdentifier} and {@code type}). */
    public static String of(Document storedEvent) {
        return sha256Hex(canonical(storedEvent));
    }

    /** The hex SHA-256 of a stored event read as BSON (an exported line, for instance). */
    public static String of(BsonDocument storedEvent) {
        return sha256Hex(canonical(storedEvent));
    }

    /** The canonical text the hash is taken over; public so that an auditor can see what was hashed. */
    public static String canonical(Document storedEvent) {
        return canonical(storedEvent.toBsonDocument(BsonDocument.class,
                                                    MongoClientSettings.getDefaultCodecRegistry()));
    }

    /** As {@link #canonical(Document)}, for a document already in BSON form. */
    public static String canonical(BsonDocument stored) {
        BsonDocument hashed = new BsonDocument();
        for (String field : HASHED_FIELDS.stream().sorted().toList()) {
            BsonValue value = stored.get(field);
            hashed.append(field, value == null ? BsonNull.VALUE : sorted(value));
        }
        return hashed.toJson(CANONICAL);
    }

    static String sha256Hex(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static BsonValue sorted(BsonValue value) {
        if (value.isDocument()) {
            BsonDocument document = value.asDocument();
            List<String> keys = new ArrayList<>(document.keySet());
            keys.sort(null);
            BsonDocument copy = new BsonDocument();
            for (String key : keys) {
                copy.append(key, sorted(document.get(key)));
            }
            return copy;
        }
        if (value.isArray()) {
            BsonArray copy = new BsonArray();
            for (BsonValue element : value.asArray()) {
                copy.add(sorted(element));
            }
            return copy;
        }
        return value;
    }
}
