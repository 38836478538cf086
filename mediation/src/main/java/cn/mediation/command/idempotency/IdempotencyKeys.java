package cn.mediation.command.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * The answers given to submissions that carried an {@code Idempotency-Key}, one document per user and key
 * ({@code idempotency_keys}): the request's method, path and body digest, and the answer (status, body, ETag,
 * Location), so that the same submission sent again gets the same answer and nothing is stored twice.
 */
public class IdempotencyKeys {

    public static final String COLLECTION = "idempotency_keys";

    private final MongoCollection<Document> keys;
    private final Clock clock;

    public IdempotencyKeys(MongoDatabase database, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A kept answer: for the request it answered (its digest), the status, body and headers given. */
    public record Answer(String request, int status, byte[] body, String contentType, String etag, String location) {
    }

    static String id(String username, String key) {
        return username + "|" + key;
    }

    public Optional<Answer> find(String username, String key) {
        Document found = keys.find(new Document("_id", id(username, key))).first();
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(new Answer(found.getString("request"), found.getInteger("status"),
                                      found.get("body", Binary.class).getData(), found.getString("contentType"),
                                      found.getString("etag"), found.getString("location")));
    }

    /** Keeps an answer; when another request with the same key got there first, its answer stays. */
    public void keep(String username, String key, Answer answer) {
        try {
            keys.insertOne(new Document("_id", id(username, key))
                                   .append("request", answer.request())
                                   .append("status", answer.status())
                                   .append("body", new Binary(answer.body()))
                                   .append("contentType", answer.contentType())
                                   .append("etag", answer.etag())
                                   .append("location", answer.location())
                                   .append("keptAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
