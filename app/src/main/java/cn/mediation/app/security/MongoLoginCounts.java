package cn.mediation.app.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The login throttle's counts in MongoDB, shared by every instance on the store: {@code login_failures} (one document
 * per key: count, first and last failure; each failure one atomic increment) and {@code login_successes} (a name at an
 * address, when it last logged in). Expired documents are deleted at most once a minute by whichever instance counts
 * a failure.
 */
public final class MongoLoginCounts implements LoginThrottle.Counts {

    private static final Duration TRIM_EVERY = Duration.ofMinutes(1);

    private final MongoCollection<Document> failures;
    private final MongoCollection<Document> successes;
    private final Duration window;
    private final Duration maxDelay;
    private final AtomicReference<Instant> lastTrim = new AtomicReference<>(Instant.EPOCH);
    /** When this instance last wrote a name's success at an address: an API client's every request need not. */
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    /** {@code window} and {@code maxDelay} as the throttle's: a count older than both is gone. */
    public MongoLoginCounts(MongoDatabase database, Duration window, Duration maxDelay) {
        this.failures = database.getCollection("login_failures");
        this.successes = database.getCollection("login_successes");
        this.window = window;
        this.maxDelay = maxDelay;
    }

    @Override
    public LoginThrottle.Failures failures(String key) {
        Document found = failures.find(new Document("_id", key)).first();
        return found == null ? null : new LoginThrottle.Failures(found.getInteger("count", 0),
                                                                 found.getDate("since").toInstant(),
                                                                 found.getDate("last").toInstant());
    }

    @Override
    public void fail(String key, Instant now, Predicate<LoginThrottle.Failures> expired) {
        Date at = Date.from(now);
        Document increment = new Document("$inc", new Document("count", 1))
                .append("$set", new Document("last", at))
                .append("$setOnInsert", new Document("since", at));
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true)
                                                                      .returnDocument(ReturnDocument.BEFORE);
        Document before;
        try {
            before = failures.findOneAndUpdate(new Document("_id", key), increment, upsert);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another instance inserted the same key at the same moment: it exists now
            before = failures.findOneAndUpdate(new Document("_id", key), increment, upsert);
        }
        if (before != null && expired.test(new LoginThrottle.Failures(before.getInteger("count", 0),
                                                                      before.getDate("since").toInstant(),
                                                                      before.getDate("last").toInstant()))) {
            // the old count had lapsed: this failure starts a new one (unless another instance restarted it first)
            failures.updateOne(new Document("_id", key).append("since", before.getDate("since")),
                               new Document("$set", new Document("count", 1).append("since", at).append("last", at)));
        }
    }

    @Override
    public void clear(String key) {
        failures.deleteOne(new Document("_id", key));
    }

    @Override
    public boolean known(String name, String address, Instant since) {
        return successes.find(new Document("_id", name + '\u0000' + address)
                                      .append("at", new Document("$gte", Date.from(since)))).first() != null;
    }

    @Override
    public void succeeded(String name, String address, Instant now) {
        String key = name + '\u0000' + address;
        Instant before = written.get(key);
        if (before != null && before.plus(TRIM_EVERY).isAfter(now)) {
            return;
        }
        if (written.size() >= 10_000) {
            written.clear();
        }
        written.put(key, now);
        successes.updateOne(new Document("_id", name + '\u0000' + address),
                            new Document("$set", new Document("at", Date.from(now))), new UpdateOptions().upsert(true));
    }

    @Override
    public void trim(Instant now, Predicate<LoginThrottle.Failures> expired, Instant since) {
        Instant last = lastTrim.get();
        if (last.plus(TRIM_EVERY).isAfter(now) || !lastTrim.compareAndSet(last, now)) {
            return;
        }
        failures.deleteMany(new Document("since", new Document("$lt", Date.from(now.minus(window))))
                                    .append("last", new Document("$lt", Date.from(now.minus(maxDelay)))));
        successes.deleteMany(new Document("at", new Document("$lt", Date.from(since))));
    }
}
