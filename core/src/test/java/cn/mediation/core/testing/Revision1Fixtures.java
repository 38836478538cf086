package cn.mediation.core.testing;

import cn.mediation.core.mongo.Counters;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored documents written by the release whose {@code DisputeResolvedEvent} was revision 1 (field {@code amount}),
 * kept as they were stored: the global log ({@code events}, canonical Extended JSON, hashes and chain included,
 * parties' personal data sealed), the stream documents, and the two disputes' keys. Two disputes in village
 * 511902101001, registered, screened, mediated and resolved in June 2025: {@link #WITH_AMOUNT} with a written
 * agreement of 3200.50 yuan and a fulfilment, {@link #WITHOUT_AMOUNT} with an oral agreement and no amount.
 *
 * <p>Never regenerate them with current code: they are the old release's output, which is what they test.
 */
public final class Revision1Fixtures {

    public static final String WITH_AMOUNT = "0a6c1e52-7d3b-4f1e-9a2c-5b8d7e6f4a01";
    public static final String WITHOUT_AMOUNT = "0a6c1e52-7d3b-4f1e-9a2c-5b8d7e6f4a02";
    private static final String FOLDER = "/cn/mediation/core/dispute/revision1/";

    private Revision1Fixtures() {
    }

    /** The {@code events} documents, in global order (numbers 1 to 9). */
    public static List<BsonDocument> events() {
        return lines("events.ndjson");
    }

    public static List<BsonDocument> streams() {
        return lines("streams.ndjson");
    }

    public static List<BsonDocument> personalKeys() {
        return lines("personal_keys.ndjson");
    }

    /** The export format of the log (the {@code events.ndjson} file as it is). */
    public static String eventsNdjson() {
        return text("events.ndjson");
    }

    /** Inserts every document as stored into an empty store, and sets its counter past them. */
    public static void insertInto(MongoDatabase database) {
        database.getCollection("events", BsonDocument.class).insertMany(events());
        database.getCollection("streams", BsonDocument.class).insertMany(streams());
        database.getCollection("personal_keys", BsonDocument.class).insertMany(personalKeys());
        Counters.allocate(database.getCollection("sequence"), "global", events().size(), new Date());
    }

    /**
     * Inserts the documents into a store in use, as if the old release had appended them just now: each event gets
     * a new global number from the store's counter and {@code storedAt} now, and the streams name those numbers.
     * Neither is hashed, so the hashes and chains stay as stored. Returns the global numbers, old to new.
     */
    public static Map<Long, Long> appendInto(MongoDatabase database) {
        List<BsonDocument> events = events();
        long first = Counters.allocate(database.getCollection("sequence"), "global", events.size(), new Date());
        Map<Long, Long> renumbered = new HashMap<>();
        BsonDateTime now = new BsonDateTime(System.currentTimeMillis());
        for (int i = 0; i < events.size(); i++) {
            BsonDocument event = events.get(i);
            renumbered.put(event.getInt64("_id").getValue(), first + i);
            event.put("_id", new BsonInt64(first + i));
            event.put("storedAt", now);
        }
        List<BsonDocument> streams = streams();
        for (BsonDocument stream : streams) {
            BsonArray globals = new BsonArray();
            for (BsonValue global : stream.getArray("globals")) {
                globals.add(new BsonInt64(renumbered.get(global.asInt64().getValue())));
            }
            stream.put("globals", globals);
        }
        database.getCollection("personal_keys", BsonDocument.class).insertMany(personalKeys());
        database.getCollection("events", BsonDocument.class).insertMany(events);
        database.getCollection("streams", BsonDocument.class).insertMany(streams);
        return renumbered;
    }

    private static List<BsonDocument> lines(String file) {
        List<BsonDocument> documents = new ArrayList<>();
        for (String line : text(file).split("\n")) {
            if (!line.isBlank()) {
                documents.add(BsonDocument.parse(line));
            }
        }
        return documents;
    }

    private static String text(String file) {
        try (InputStream in = Revision1Fixtures.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + FOLDER + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
