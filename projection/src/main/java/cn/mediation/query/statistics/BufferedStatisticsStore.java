package cn.mediation.query.statistics;

import org.bson.Document;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the writes of one batch of events and makes them in one go at the end of the batch, before the tracking
 * token is stored: the buckets (each once, its increments summed, guarded by the batch's event hashes), then the
 * disputes' facts (each once), each kind as one bulk command. The facts of the batch's disputes can be read ahead in
 * one query ({@link #readAhead}). If a bucket's guard already holds some of the batch's events (a batch replayed
 * after a crash, cut differently), those events are left out of its write, so nothing is counted twice or lost.
 */
final class BufferedStatisticsStore implements StatisticsStore, StatisticsModel.DisputeIndex {

    private final MongoStatisticsStore target;
    private final DisputeIndexes.Mongo targetIndex;
    private final Map<String, Pending> facts = new LinkedHashMap<>();
    private final Map<String, List<MongoStatisticsStore.Increment>> buckets = new LinkedHashMap<>();
    private final Map<String, Set<String>> index = new LinkedHashMap<>();
    /** Stored facts read ahead for the batch's disputes (null: known to have none). */
    private final Map<String, Stored> readAhead = new java.util.HashMap<>();
    private final BucketGuard.Writer writer;
    /** The position of the tracking token of the event being applied (-1: not known). */
    private long position = -1;

    BufferedStatisticsStore(MongoStatisticsStore target, DisputeIndexes.Mongo targetIndex) {
        this(target, targetIndex, BucketGuard.Writer.NONE);
    }

    /** A buffer whose bucket writes are guarded as {@code writer}'s (its segment, its committed token). */
    BufferedStatisticsStore(MongoStatisticsStore target, DisputeIndexes.Mongo targetIndex, BucketGuard.Writer writer) {
        this.target = target;
        this.targetIndex = targetIndex;
        this.writer = writer;
    }

    /** The position of the tracking token of the event applied next (-1: not known). */
    void at(long position) {
        this.position = position;
    }

    private static final class Pending {
        final long storedSeq;
        long seq;
        DisputeFacts facts;

        Pending(long storedSeq, long seq, DisputeFacts facts) {
            this.storedSeq = storedSeq;
            this.seq = seq;
            this.facts = facts;
        }
    }

    @Override
    public Stored facts(String disputeId) {
        Pending pending = facts.get(disputeId);
        if (pending != null) {
            return new Stored(pending.seq, pending.facts);
        }
        if (readAhead.containsKey(disputeId)) {
            return readAhead.get(disputeId);
        }
        return target.facts(disputeId);
    }

    /** Reads the stored facts of the batch's disputes in one go, so that applying its events reads none. */
    void readAhead(Collection<String> disputeIds) {
        List<String> unknown = disputeIds.stream().distinct()
                                         .filter(id -> !facts.containsKey(id) && !readAhead.containsKey(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, Stored> stored = target.facts(unknown);
        unknown.forEach(id -> readAhead.put(id, stored.get(id)));
    }

    @Override
    public void saveFacts(String disputeId, long expectedSeq, long seq, DisputeFacts value) {
        Pending pending = facts.get(disputeId);
        if (pending == null) {
            facts.put(disputeId, new Pending(expectedSeq, seq, value));
        } else {
            pending.seq = seq;
            pending.facts = value;
        }
    }

    @Override
    public void increment(String bucketId, Document inc, long eventHash) {
        buckets.computeIfAbsent(bucketId, k -> new ArrayList<>())
               .add(new MongoStatisticsStore.Increment(eventHash, position, inc));
    }

    @Override
    public void add(String villageCode, LocalDate date, String disputeId) {
        index.computeIfAbsent(DisputeIndexes.key(villageCode, YearMonth.from(date)), k -> new LinkedHashSet<>())
             .add(disputeId);
    }

    @Override
    public Collection<String> disputes(Collection<String> villageMonthKeys) {
        return targetIndex.disputes(villageMonthKeys);
    }

    /** Writes everything collected; buckets first, facts last, so that a crash in between repeats, never loses. */
    void flush() {
        flushBuckets();
        target.saveAllFacts(facts.entrySet().stream().map(e -> new MongoStatisticsStore.FactsWrite(
                e.getKey(), e.getValue().storedSeq, e.getValue().seq, e.getValue().facts)).toList());
        clear();
    }

    /** The first half of {@link #flush()}: what a crash right after the read-model writes leaves behind. */
    void flushBuckets() {
        target.applyBatches(buckets, writer);
        targetIndex.addAll(index);
    }

    @Override
    public Map<String, Document> buckets(Collection<String> ids) {
        return target.buckets(ids);
    }


    @Override
    public String firstMonth() {
        return target.firstMonth();
    }

    @Override
    public Map<String, List<YearMonth>> openMonths(Collection<String> regions, YearMonth first, YearMonth last) {
        return target.openMonths(regions, first, last);
    }

    @Override
    public void clear() {
        buckets.clear();
        index.clear();
        facts.clear();
        readAhead.clear();
    }
}
