package cn.mediation.core.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;

import java.util.Date;

/**
 * Allocates blocks of numbers from a counter document ({@code {_id, value, at}}), never handing a number out twice,
 * also under concurrent callers. Uses a compare-and-set update ({@code value} still as read) rather than
 * {@code findOneAndUpdate $inc}: the embedded server applies concurrent {@code $inc}s correctly but can return the
 * same post-update document to two of them (measured: 205 duplicates in 8,000 concurrent calls), while its
 * conditional updates are atomic. On a real MongoDB both are atomic; the compare-and-set costs one more read.
 */
public final class Counters {

    private Counters() {
    }

    /**
     * The unique index on {@code (_id, value)} that lets the compare-and-set find its document by index on the
     * embedded server (which uses an index only when a filter names exactly its keys).
     */
    public static void ensureIndex(MongoCollection<Document> counters) {
        counters.createIndex(com.mongodb.client.model.Indexes.ascending("_id", "value"),
                             new com.mongodb.client.model.IndexOptions().unique(true).name("id_value"));
    }

    /** Reserves {@code count} numbers; returns the first (numbers start at 1). */
    public static long allocate(MongoCollection<Document> counters, String id, long count, Date now) {
        return allocate(counters, id, count, now, null);
    }

    /**
     * As {@link #allocate(MongoCollection, String, long, Date)}, first trying the compare-and-set with the value
     * this caller saw last ({@code hint}, updated on return): with one writing process that is usually right,
     * and the read is saved.
     */
    public static long allocate(MongoCollection<Document> counters, String id, long count, Date now,
                                java.util.concurrent.atomic.AtomicLong hint) {
        if (hint != null && hint.get() > 0) {
            long guess = hint.get();
            if (counters.updateOne(new Document("_id", id).append("value", guess),
                                   new Document("$set", new Document("value", guess + count).append("at", now)))
                        .getModifiedCount() == 1) {
                hint.set(guess + count);
                return guess + 1;
            }
        }
        long first = allocateByReading(counters, id, count, now);
        if (hint != null) {
            hint.set(first + count - 1);
        }
        return first;
    }

    private static long allocateByReading(MongoCollection<Document> counters, String id, long count, Date now) {
        while (true) {
            Document counter = counters.find(new Document("_id", id)).first();
            if (counter == null) {
                try {
                    counters.insertOne(new Document("_id", id).append("value", count).append("at", now));
                    return 1;
                } catch (MongoWriteException e) {
                    if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            long value = ((Number) counter.get("value")).longValue();
            // the time of the latest allocation only moves forward
            Date at = counter.getDate("at") != null && counter.getDate("at").after(now) ? counter.getDate("at") : now;
            UpdateResult result = counters.updateOne(new Document("_id", id).append("value", value),
                                                     new Document("$set", new Document("value", value + count)
                                                             .append("at", at)));
            if (result.getModifiedCount() == 1) {
                return value + 1;
            }
            Thread.onSpinWait();
        }
    }
}
