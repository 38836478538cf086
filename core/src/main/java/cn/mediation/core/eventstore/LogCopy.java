package cn.mediation.core.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import static cn.mediation.core.eventstore.layout.EventFields.AGGREGATE_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.COPIED;
import static cn.mediation.core.eventstore.layout.EventFields.EVENT_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.GLOBAL_SEQUENCE;
import static cn.mediation.core.eventstore.layout.EventFields.LAST;
import static cn.mediation.core.eventstore.layout.EventFields.PENDING;
import static cn.mediation.core.eventstore.layout.EventFields.PENDING_EVENTS;
import static cn.mediation.core.eventstore.layout.EventFields.SEQUENCE_NUMBER;
import static cn.mediation.core.eventstore.layout.EventFields.STORED_AT;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static cn.mediation.core.eventstore.layout.EventFields.VOID;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The copy of committed events from their streams into the global log, the mark that it is done, and its recovery
 * when an append was interrupted between its commit and that mark (see {@link MongoEventStorageEngine}).
 */
final class LogCopy {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    /** Copies recovered this close to the gap timeout get new numbers: trackers may be about to give up theirs. */
    private static final Duration RENUMBER_MARGIN = Duration.ofSeconds(10);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> streams;
    private final GlobalSequence sequence;
    private final Runnable durabilityBarrier;
    private final Clock clock;
    private final Duration gapTimeout;

    LogCopy(MongoCollection<Document> events, MongoCollection<Document> streams, GlobalSequence sequence,
            Runnable durabilityBarrier, Clock clock, Duration gapTimeout) {
        this.events = events;
        this.streams = streams;
        this.sequence = sequence;
        this.durabilityBarrier = durabilityBarrier;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
    }

    /**
     * Copies into the global log. A duplicate of the same event (same identifier, aggregate and sequence) means an
     * earlier copy landed; any other clash is a conflict.
     */
    void copy(List<Document> documents) {
        try {
            events.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                Document attempted = documents.get(error.getIndex());
                Document existing = events.find(eq(EVENT_IDENTIFIER, attempted.getString(EVENT_IDENTIFIER)))
                                          .first();
                boolean sameEvent = existing != null && attempted.get(TYPE) != null
                        && existing.get(AGGREGATE_IDENTIFIER).equals(attempted.get(AGGREGATE_IDENTIFIER))
                        && existing.get(SEQUENCE_NUMBER).equals(attempted.get(SEQUENCE_NUMBER));
                if (!sameEvent) {
                    throw new EventStoreConflictException(
                            "Event identifier " + attempted.getString(EVENT_IDENTIFIER) + " is already stored", e);
                }
            }
        }
    }

    /** Takes out of the log the documents of a refused append that did land there. */
    void remove(List<Document> logDocuments) {
        events.deleteMany(in("_id", logDocuments.stream().map(d -> d.getLong("_id")).collect(Collectors.toList())));
    }

    /**
     * Marks the numbers of a refused append as void in the log, so that trackers pass them at once instead of
     * holding back for a writer that will never write them.
     */
    void voidNumbers(List<Document> logDocuments) {
        List<Document> voids = new ArrayList<>();
        for (Document document : logDocuments) {
            voids.add(new Document("_id", document.get("_id")).append(VOID, true)
                              .append(EVENT_IDENTIFIER, "void-" + document.get("_id"))
                              .append(AGGREGATE_IDENTIFIER, "void-" + document.get("_id"))
                              .append(SEQUENCE_NUMBER, 0L)
                              .append(STORED_AT, document.get(STORED_AT)));
        }
        try {
            events.insertMany(voids, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            log.debug("Some numbers of a refused append were already marked");
        }
    }

    /** Records that the stream's events up to {@code last} are in the global log. */
    void markCopied(String aggregateIdentifier, long last) {
        streams.updateOne(eq("_id", aggregateIdentifier),
                          new Document("$max", new Document(COPIED, last))
                                  .append("$unset", new Document(PENDING, "").append(PENDING_EVENTS, "")));
    }

    /** See {@link MongoEventStorageEngine#recoverPendingCopies(Duration)}. */
    int recoverPendingCopies(Duration olderThan) {
        Instant cutoff = clock.instant().minus(olderThan);
        int repaired = 0;
        for (Document stream : streams.find(new Document(PENDING, new Document("$exists", true)))) {
            repaired += recoverStream(stream, cutoff) ? 1 : 0;
        }
        return repaired;
    }

    /**
     * Copies the pending events of one stream into the log and marks them copied, if its mark is older than
     * {@code cutoff}; whether it did.
     */
    boolean recoverStream(Document stream, Instant cutoff) {
        Date pending = stream.getDate(PENDING);
        if (pending == null || pending.toInstant().isAfter(cutoff)) {
            return false;
        }
        long copied = ((Number) stream.get(COPIED)).longValue();
        long last = ((Number) stream.get(LAST)).longValue();
        List<Document> copies = new ArrayList<>();
        for (Document event : stream.getList(PENDING_EVENTS, Document.class, List.of())) {
            long seq = ((Number) event.get(SEQUENCE_NUMBER)).longValue();
            if (seq > copied && seq <= last) {
                Document copy = new Document(event);
                copy.remove(GLOBAL_SEQUENCE);
                copy.append("_id", event.get(GLOBAL_SEQUENCE)).append(STORED_AT, pending)
                    .append(TYPE, stream.getString(TYPE)).append(AGGREGATE_IDENTIFIER, stream.getString("_id"));
                copies.add(copy);
            }
        }
        Instant now = clock.instant();
        if (!copies.isEmpty() && pending.toInstant().isBefore(now.minus(gapTimeout).plus(RENUMBER_MARGIN))) {
            // trackers may have given these numbers up as gaps: copy them under new numbers
            long first = sequence.allocate(copies.size(), now);
            for (int i = 0; i < copies.size(); i++) {
                copies.get(i).append("_id", first + i).append(STORED_AT, Date.from(now));
            }
        }
        copy(copies);
        durabilityBarrier.run();
        markCopied(stream.getString("_id"), last);
        log.warn("Recovered {} event(s) of an interrupted append into the global log", copies.size());
        return true;
    }
}
