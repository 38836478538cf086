package cn.mediation.core.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
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
 * <p>
 * A key is never stored in the clear: {@code wrapped} holds it wrapped by a key-encryption key the database does
 * not hold ({@link KeyEncryptionKeys}), {@code kek} names that KEK's version. A document of an earlier store with
 * the key in the clear ({@code key}) is still read, and is wrapped when read or by {@link #rewrap()}, which also
 * moves keys wrapped by an older KEK onto the current one.
 */
public class PersonalKeyVault {

    public static final String COLLECTION = "personal_keys";
    private static final String ALGORITHM = "AES";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String PLAIN = "key";
    private static final String WRAPPED = "wrapped";
    private static final String KEK = "kek";

    private final MongoCollection<Document> keys;
    private final KeyEncryptionKeys keks;
    private final Clock clock;

    public PersonalKeyVault(MongoDatabase database, KeyEncryptionKeys keks) {
        this(database, keks, Clock.systemUTC());
    }

    public PersonalKeyVault(MongoDatabase database, KeyEncryptionKeys keks, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.keks = keks;
        this.clock = clock;
    }

    /**
     * The key to read with; empty when there never was one or it was erased. A stored key that the KEKs given do
     * not open is an {@link KeyEncryptionKeys.PersonalKeyUnavailable}, never taken for an erasure.
     */
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
            keys.insertOne(new Document("_id", aggregateIdentifier)
                                   .append(WRAPPED, new Binary(keks.wrap(aggregateIdentifier, key)))
                                   .append(KEK, keks.currentVersion())
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
                       new Document("$unset", new Document(PLAIN, "").append(WRAPPED, "").append(KEK, ""))
                               .append("$min", new Document("erasedAt", Date.from(clock.instant()))),
                       new UpdateOptions().upsert(true));
    }

    public boolean isErased(String aggregateIdentifier) {
        Document stored = keys.find(eq("_id", aggregateIdentifier)).first();
        return stored != null && stored.get("erasedAt") != null;
    }

    /**
     * Wraps every key of an earlier store kept in the clear and rewraps every key wrapped by an older KEK under the
     * current one (one pass over the collection, each change conditional on the document being as read, so an
     * erasure meanwhile wins). Keys wrapped by a version not given, or that their version does not open, are
     * counted and left as they are.
     */
    public Rewrap rewrap() {
        return rewrap(keys.find(), false);
    }

    /**
     * What a start needs of {@link #rewrap()}: the keys not yet under the current KEK (in the clear, or under an
     * older one) are wrapped or rewrapped, and of those already under it one is opened to prove the KEK given is the
     * one they were wrapped with; the others are not read. {@code alreadyCurrent} is then 0 or 1.
     */
    public Rewrap rewrapOutdated() {
        return rewrap(keys.find(or(exists(PLAIN), and(exists(WRAPPED), ne(KEK, keks.currentVersion())))), true);
    }

    private Rewrap rewrap(Iterable<Document> candidates, boolean sampleCurrent) {
        Tally tally = new Tally();
        for (Document document : candidates) {
            tally.take(document);
        }
        if (sampleCurrent) {
            Document sample = keys.find(and(exists(WRAPPED), eq(KEK, keks.currentVersion()))).first();
            if (sample != null) {
                tally.take(sample);
            }
        }
        return new Rewrap(tally.wrapped, tally.rewrapped, tally.current, tally.unavailable);
    }

    /** One pass of {@link #rewrap()}: each stored key wrapped, rewrapped, found current or found unavailable. */
    private final class Tally {
        long wrapped;
        long rewrapped;
        long current;
        final Map<String, Long> unavailable = new TreeMap<>();

        void take(Document document) {
            String id = String.valueOf(document.get("_id"));
            if (document.get(PLAIN) instanceof Binary) {
                if (wrapPlain(document)) {
                    wrapped++;
                }
                return;
            }
            if (!(document.get(WRAPPED) instanceof Binary binary)) {
                return; // a tombstone
            }
            String version = document.getString(KEK);
            byte[] key;
            try {
                key = keks.unwrap(id, version, binary.getData());
            } catch (KeyEncryptionKeys.PersonalKeyUnavailable e) {
                unavailable.merge(String.valueOf(version), 1L, Long::sum);
                return;
            }
            if (keks.currentVersion().equals(version)) {
                current++;
                return;
            }
            UpdateResult changed = keys.updateOne(and(eq("_id", id), eq(WRAPPED, binary), eq(KEK, version)),
                                         new Document("$set", new Document(WRAPPED, new Binary(keks.wrap(id, key)))
                                                 .append(KEK, keks.currentVersion())));
            rewrapped += changed.getModifiedCount();
        }
    }

    /** What {@link #rewrap()} did: counts only, never an identifier or a key. */
    public record Rewrap(long wrappedFromClear, long rewrapped, long alreadyCurrent,
                         Map<String, Long> unavailableByVersion) {
        public long unavailable() {
            return unavailableByVersion.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Optional<SecretKey> key(Document stored) {
        if (stored == null) {
            return Optional.empty();
        }
        if (stored.get(WRAPPED) instanceof Binary wrapped) {
            return Optional.of(new SecretKeySpec(keks.unwrap(String.valueOf(stored.get("_id")), stored.getString(KEK),
                                                             wrapped.getData()), ALGORITHM));
        }
        if (stored.get(PLAIN) instanceof Binary plain) {
            // an earlier store's key in the clear: read it, and wrap it now
            wrapPlain(stored);
            return Optional.of(new SecretKeySpec(plain.getData(), ALGORITHM));
        }
        return Optional.empty();
    }

    /** Replaces a key in the clear by its wrapped form, unless the document changed since it was read. */
    private boolean wrapPlain(Document stored) {
        String id = String.valueOf(stored.get("_id"));
        Binary plain = (Binary) stored.get(PLAIN);
        return keys.updateOne(and(eq("_id", id), eq(PLAIN, plain)),
                              new Document("$set", new Document(WRAPPED, new Binary(keks.wrap(id, plain.getData())))
                                      .append(KEK, keks.currentVersion()))
                                      .append("$unset", new Document(PLAIN, "")))
                   .getModifiedCount() > 0;
    }
}
