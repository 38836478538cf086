package cn.mediation.query.statistics;

import org.bson.Document;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The statistics state in memory, for replays: the same documents as {@link MongoStatisticsStore}. */
final class MemoryStatisticsStore implements StatisticsStore {

    private final Map<String, Stored> facts = new HashMap<>();
    private final Map<String, Document> buckets = new HashMap<>();
    private String firstMonth;

    @Override
    public Stored facts(String disputeId) {
        return facts.get(disputeId);
    }

    @Override
    public void saveFacts(String disputeId, long expectedSeq, long seq, DisputeFacts value) {
        facts.put(disputeId, new Stored(seq, DisputeFacts.of(value.toDocument())));
        String month = YearMonth.from(value.registeredOn).toString();
        if (firstMonth == null || month.compareTo(firstMonth) < 0) {
            firstMonth = month;
        }
    }

    @Override
    public void increment(String bucketId, Document inc, long eventHash) {
        apply(bucketId, inc);
    }

    private void apply(String id, Document inc) {
        Document bucket = buckets.computeIfAbsent(id, k -> new Document("_id", k));
        inc.forEach((path, value) -> {
            String[] parts = path.split("\\.");
            Document node = bucket;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.get(parts[i]);
                if (!(child instanceof Document)) {
                    child = new Document();
                    node.put(parts[i], child);
                }
                node = (Document) child;
            }
            String leaf = parts[parts.length - 1];
            long current = node.get(leaf) == null ? 0 : ((Number) node.get(leaf)).longValue();
            node.put(leaf, current + ((Number) value).longValue());
        });
    }

    @Override
    public Map<String, Document> buckets(Collection<String> ids) {
        Map<String, Document> result = new HashMap<>();
        for (String id : ids) {
            Document bucket = buckets.get(id);
            if (bucket != null) {
                result.put(id, bucket);
            }
        }
        return result;
    }

    /** Every bucket, for verification. */
    Map<String, Document> allBuckets() {
        return buckets;
    }

    @Override
    public String firstMonth() {
        return firstMonth;
    }

    /** Forgets the disputes' facts, keeping the buckets (bulk builds that need no facts once a dispute is done). */
    void clearFacts() {
        facts.clear();
    }

    @Override
    public void clear() {
        facts.clear();
        buckets.clear();
        firstMonth = null;
    }
}
