package cn.mediation.core.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static cn.mediation.core.eventstore.layout.EventFields.AGGREGATE_IDENTIFIER;
import static cn.mediation.core.eventstore.layout.EventFields.STORED_AT;
import static cn.mediation.core.eventstore.layout.EventFields.TIMESTAMP;
import static cn.mediation.core.eventstore.layout.EventFields.TYPE;
import static cn.mediation.core.eventstore.layout.EventFields.VOID;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

/**
 * Reads the global log for tracking processors with {@link GapAwareTrackingToken}s: windows of numbers by
 * {@code _id $in [window]}, the token's gaps by {@code _id $in [gaps]}; a missing number is waited for during the
 * hold-back, then passed over as a gap that is re-checked until the gap timeout; void numbers are passed at once.
 */
final class GapAwareLogReader {

    /** How many numbers {@link #lastEventPosition()} looks up per round trip, newest first. */
    private static final int LAST_EVENT_PROBE = 256;

    private final MongoCollection<Document> events;
    private final GlobalSequence sequence;
    private final Clock clock;
    private final Duration gapTimeout;
    private final Duration holdBack;
    private final int maxGapOffset;
    private final PayloadCodec payloadCodec;

    GapAwareLogReader(MongoCollection<Document> events, GlobalSequence sequence, Clock clock, Duration gapTimeout,
                      Duration holdBack, int maxGapOffset, PayloadCodec payloadCodec) {
        this.events = events;
        this.sequence = sequence;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.holdBack = holdBack;
        this.maxGapOffset = maxGapOffset;
        this.payloadCodec = payloadCodec;
    }

    List<? extends TrackedEventData<?>> fetch(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Token " + lastToken + " is not a GapAwareTrackingToken");
        }
        long lowestGlobalSequence = sequence.lowest();
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken;
        Instant now = clock.instant();
        // the documents to deliver with their tokens, decoded together at the end
        List<Document> delivered = new ArrayList<>();
        List<TrackingToken> tokens = new ArrayList<>();

        if (token != null && token.hasGaps()) {
            token = cleanGaps(token, now);
            if (token.hasGaps()) {
                List<Document> filled = events.find(in("_id", new ArrayList<>(token.getGaps())))
                                              .sort(Sorts.ascending("_id")).into(new ArrayList<>());
                for (Document document : filled) {
                    if (document.getBoolean(VOID, false)) {
                        continue;
                    }
                    token = token.advanceTo(document.getLong("_id"), maxGapOffset);
                    delivered.add(document);
                    tokens.add(token);
                }
            }
        }

        Document counter = sequence.counter();
        if (counter == null) {
            return tracked(delivered, tokens);
        }
        long allocated = sequence.highest(counter);
        Instant lastAllocation = counter.getDate("at").toInstant();
        long next = (token == null ? lowestGlobalSequence - 1 : token.getIndex()) + 1;
        Instant settledBefore = now.minus(holdBack);

        while (delivered.size() < batchSize && next <= allocated) {
            long end = Math.min(allocated, next + (batchSize - delivered.size()) - 1);
            List<Long> window = LongStream.rangeClosed(next, end).boxed().collect(Collectors.toList());
            Map<Long, Document> found = new HashMap<>();
            for (Document document : events.find(in("_id", window))) {
                found.put(document.getLong("_id"), document);
            }
            boolean missingUnsettled = false;
            for (long n = next; n <= end; n++) {
                Document document = found.get(n);
                if (document != null && document.getBoolean(VOID, false)) {
                    continue;
                }
                if (document != null) {
                    boolean allowGaps = document.getDate(STORED_AT).toInstant().isAfter(now.minus(gapTimeout));
                    if (token == null) {
                        SortedSet<Long> gaps = allowGaps
                                ? LongStream.range(Math.min(lowestGlobalSequence, n), n).boxed()
                                            .collect(Collectors.toCollection(TreeSet::new))
                                : new TreeSet<>();
                        token = GapAwareTrackingToken.newInstance(n, gaps);
                    } else {
                        token = token.advanceTo(n, allowGaps ? maxGapOffset : 0);
                    }
                    delivered.add(document);
                    tokens.add(token);
                } else if (!isSettled(n, end, found, lastAllocation, settledBefore)) {
                    missingUnsettled = true;
                    break;
                }
            }
            if (missingUnsettled) {
                break;
            }
            next = end + 1;
            if (found.isEmpty() && next <= allocated) {
                // a whole window without a document: a gap at least that long, whose numbers are settled. Its end
                // is found in one step instead of walking it window by window (a number far ahead would otherwise
                // keep the tracker busy for ever)
                Document following = events.find(and(gte("_id", next), lte("_id", allocated)))
                                           .projection(Projections.include("_id", STORED_AT))
                                           .sort(Sorts.ascending("_id")).first();
                if (following == null) {
                    next = allocated + 1;
                } else if (following.getLong("_id") > next
                        && (lastAllocation.isBefore(settledBefore)
                            || following.getDate(STORED_AT).toInstant().isBefore(settledBefore))) {
                    next = following.getLong("_id");
                }
            }
        }
        return tracked(delivered, tokens);
    }

    /**
     * A number with no event yet is settled (may be passed over, staying a gap in the token) once some later event
     * or the last allocation is older than the hold-back: its writer had that long to finish. Until then the tracker
     * waits, so that events are delivered in global order whenever writers finish in time.
     */
    private static boolean isSettled(long n, long end, Map<Long, Document> found, Instant lastAllocation,
                                     Instant settledBefore) {
        if (lastAllocation.isBefore(settledBefore)) {
            return true;
        }
        for (long m = n + 1; m <= end; m++) {
            Document later = found.get(m);
            if (later != null && later.getDate(STORED_AT).toInstant().isBefore(settledBefore)) {
                return true;
            }
        }
        return false;
    }

    /** Drops the oldest runs of gaps whose following event was stored longer ago than the gap timeout. */
    private GapAwareTrackingToken cleanGaps(GapAwareTrackingToken token, Instant now) {
        List<long[]> runs = new ArrayList<>();
        long runStart = -1;
        long previous = -2;
        for (long gap : token.getGaps()) {
            if (gap != previous + 1) {
                if (runStart >= 0) {
                    runs.add(new long[]{runStart, previous});
                }
                runStart = gap;
            }
            previous = gap;
        }
        runs.add(new long[]{runStart, previous});
        List<Long> successors = runs.stream().map(run -> run[1] + 1).collect(Collectors.toList());
        Map<Long, Instant> storedAt = new HashMap<>();
        for (Document document : events.find(in("_id", successors)).projection(Projections.include(STORED_AT))) {
            storedAt.put(document.getLong("_id"), document.getDate(STORED_AT).toInstant());
        }
        Instant timeout = now.minus(gapTimeout);
        GapAwareTrackingToken cleaned = token;
        for (long[] run : runs) {
            Instant after = storedAt.get(run[1] + 1);
            if (after == null || after.isAfter(timeout)) {
                break;
            }
            cleaned = cleaned.withGapsTruncatedAt(run[1] + 1);
        }
        return cleaned;
    }

    private List<TrackedEventData<?>> tracked(List<Document> documents, List<TrackingToken> tokens) {
        PayloadCodec codec = StoredEvent.codecFor(payloadCodec, documents, d -> d.getString(TYPE) == null ? null
                : d.getString(AGGREGATE_IDENTIFIER));
        List<TrackedEventData<?>> result = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            String type = document.getString(TYPE);
            String aggregateIdentifier = type == null ? null : document.getString(AGGREGATE_IDENTIFIER);
            result.add(new TrackedDomainEventData<>(
                    tokens.get(i), StoredEvent.domainEntry(type, aggregateIdentifier, document, codec)));
        }
        return result;
    }

    TrackingToken tailToken() {
        return GapAwareTrackingToken.newInstance(sequence.lowest() - 1, List.of());
    }

    TrackingToken headToken() {
        return GapAwareTrackingToken.newInstance(sequence.headPosition(), List.of());
    }

    TrackingToken tokenAt(Instant dateTime) {
        Document first = events.find(gte(TIMESTAMP, Date.from(dateTime)))
                               .sort(Sorts.ascending("_id")).limit(1)
                               .projection(Projections.include("_id")).first();
        if (first == null) {
            return headToken();
        }
        return GapAwareTrackingToken.newInstance(first.getLong("_id") - 1, List.of());
    }

    /** See {@link MongoEventStorageEngine#lastEventPosition()}. */
    long lastEventPosition() {
        long lowestGlobalSequence = sequence.lowest();
        long end = sequence.headPosition();
        while (end >= lowestGlobalSequence) {
            long start = Math.max(lowestGlobalSequence, end - LAST_EVENT_PROBE + 1);
            List<Long> window = LongStream.rangeClosed(start, end).boxed().collect(Collectors.toList());
            long last = Long.MIN_VALUE;
            for (Document document : events.find(in("_id", window)).projection(Projections.include("_id", VOID))) {
                if (!document.getBoolean(VOID, false)) {
                    last = Math.max(last, ((Number) document.get("_id")).longValue());
                }
            }
            if (last != Long.MIN_VALUE) {
                return last;
            }
            end = start - 1;
        }
        return lowestGlobalSequence - 1;
    }
}
