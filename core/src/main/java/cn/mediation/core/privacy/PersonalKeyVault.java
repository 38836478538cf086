package cn.mediation.core.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.types.Binary;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * One AES-256 key per aggregate (per dispute), kept apart from the events in a collection of its own,
 * {@code _id} = aggregate identifier. Deleting a key is how a dispute's personal data is erased without touching
 * the append-only log: what was encrypted under it can no longer be read ("crypto-shredding").
 * <p>
 * An erased key leaves a tombstone ({@code erasedAt}, no key), so that a late writer (a snapshot of state loaded
 * before the erasure) cannot create a new key and store the data readable again: {@link #keyForWriting} refuses.
 * Keys are created on first use, race-safe through the unique {@code _id}; every lookup is an {@code _id} lookup
 * and nothing is cached, so an erasure holds at once in every process sharing the database.
 */
public class PersonalKeyVault {

    public static final String COLLECTION = "personal_keys";
    private static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> keys;
    private final Clock clock;

    public PersonalKeyVault(MongoDatabase database) {
        this(database, Clock.systemUTC());
    }

    public PersonalKeyVault(MongoDatabase database, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** The key to read with; empty when there never was one or it was erased. */
    public Optional<SecretKey> keyForReading(String aggregateIdentifier) {
        return key(keys.find(eq("_id", aggregateIdentifier)).first());
    }

    /** The keys to read with of several aggregates in one query ({@code _id $in}); an entry for each one asked. */
    public Map<String, Optional<SecretKey>> keysForReading(Collection<String> aggregateIdentifiers) {
        Map<String, Optional<SecretKey>> result = new HashMap<>();
        aggregateIdentifiers.forEach(id -> result.put(id, Optional.empty()));
        if (!aggregateIdentifiers.isEmpty()) {
            for (Document stored : keys.find(in("_id", new ArrayList<>(result.keySet())))) {
                result.put(stored.getString("_id"), key(stored));
            }
        }
        return result;
    }

    /** The key to encrypt with, created on first use; empty when the aggregate's personal data was erased. */
    public Optional<SecretKey> keyForWriting(String aggregateIdentifier) {
        Document stored = keys.find(eq("_id", aggregateIdentifier)).first();
        if (stored != null) {
            return key(stored);
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            keys.insertOne(new Document("_id", aggregateIdentifier).append("key", new Binary(key))
                                                                   .append("createdAt", Date.from(clock.instant())));
            return Optional.of(new SecretKeySpec(key, ALGORITHM));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // another writer created it (or erased it) first: use theirs
            return key(keys.find(eq("_id", aggregateIdentifier)).first());
        }
    }

    /** Deletes the key for good and leaves the tombstone; erasing again changes nothing. */
    public void erase(String aggregateIdentifier) {
        keys.updateOne(eq("_id", aggregateIdentifier),
                       new Document("$unset", new Document("key", ""))
                               .append("$min", new Document("erasedAt", Date.from(clock.instant()))),
                       new UpdateOptions().upsert(true));
    }

    public boolean isErased(String aggregateIdentifier) {
        Document stored = keys.find(eq("_id", aggregateIdentifier)).first();
        return stored != null && stored.get("erasedAt") != null;
    }

    private static Optional<SecretKey> key(Document stored) {
        if (stored == null || !(stored.get("key") instanceof Binary binary)) {
            return Optional.empty();
        }
        return Optional.of(new SecretKeySpec(binary.getData(), ALGORITHM));
    }
}
