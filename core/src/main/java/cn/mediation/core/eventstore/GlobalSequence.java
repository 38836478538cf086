package cn.mediation.core.eventstore;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import static com.mongodb.client.model.Filters.eq;

/**
 * The global sequence numbers: the counter document of the {@code sequence} collection, whose compare-and-set
 * allocates the block of numbers of an append, counted from the lowest global sequence.
 */
final class GlobalSequence {

    static final String COUNTER_ID = "global";

    private final MongoCollection<Document> sequence;
    private final long lowestGlobalSequence;
    private final AtomicLong lastAllocated = new AtomicLong();

    GlobalSequence(MongoCollection<Document> sequence, long lowestGlobalSequence) {
        this.sequence = sequence;
        this.lowestGlobalSequence = lowestGlobalSequence;
    }

    long lowest() {
        return lowestGlobalSequence;
    }

    /** Allocates {@code count} numbers at {@code now}; returns the first. */
    long allocate(int count, Instant now) {
        return cn.mediation.core.mongo.Counters.allocate(sequence, COUNTER_ID, count, Date.from(now), lastAllocated)
                + lowestGlobalSequence - 1;
    }

    /** The counter document ({@code value}: how many numbers were handed out, {@code at}: when), or null. */
    Document counter() {
        return sequence.find(eq("_id", COUNTER_ID)).first();
    }

    /** The highest global sequence number allocated so far (the head of the log), {@code lowest - 1} when none. */
    long headPosition() {
        Document counter = counter();
        return counter == null ? lowestGlobalSequence - 1 : highest(counter);
    }

    /** The highest number a counter document says was allocated. */
    long highest(Document counter) {
        return ((Number) counter.get("value")).longValue() + lowestGlobalSequence - 1;
    }
}
