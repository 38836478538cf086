package cn.mediation.query.statistics;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics state in MongoDB. Every read and write is keyed by {@code _id}. A bucket update is one atomic
 * single-document write: the increments plus the event's hash pushed onto {@code recent} (the last
 * {@value #RECENT} events applied to that bucket), conditional on the hash not being there yet; a redelivered event
 * finds its hash and changes nothing. Redelivery after a crash only repeats the events since the last stored token,
 * far fewer than {@value #RECENT} per bucket.
 */
final class MongoStatisticsStore implements StatisticsStore {

    static final int RECENT = 2000;

    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> meta;

    MongoStatisticsStore(MongoDatabase database) {
        this.facts = database.getCollection("stat_dispute_facts");
        this.buckets = database.getCollection("stat_buckets");
        this.meta = database.getCollection("stat_meta");
    }

    @Override
    public Stored facts(String disputeId) {
        Document document = facts.find(new Document("_id", disputeId)).first();
        return document == null ? null
                : new Stored(((Number) document.get("seq")).longValue(), DisputeFacts.of(document));
    }

    @Override
    public void saveFacts(String disputeId, long expectedSeq, long seq, DisputeFacts value) {
        Document document = value.toDocument().append("_id", disputeId).append("seq", seq);
        if (expectedSeq < 0) {
            try {
                facts.insertOne(document);
            } catch (MongoWriteException e) {
                // already saved by an earlier delivery of the same event
            }
            meta.updateOne(new Document("_id", "months"),
                           new Document("$min", new Document("first", YearMonth.from(value.registeredOn).toString())),
                           new UpdateOptions().upsert(true));
        } else {
            facts.replaceOne(new Document("_id", disputeId).append("seq", expectedSeq), document, new ReplaceOptions());
        }
    }

    @Override
    public void addSteps(String villageCode, String field, LocalDate date, Map<String, Map<LocalDate, Long>> steps,
                         long eventHash) {
        if (steps.isEmpty()) {
            return;
        }
        Document inc = BucketKeys.increments(field, date, steps);
        for (String region : BucketKeys.regionsOf(villageCode)) {
            guardedInc(BucketKeys.bucket(region, YearMonth.from(date)), inc, eventHash);
        }
    }

    /** One event's increments to one bucket. */
    record Increment(long hash, Document inc) {
    }

    static Document openIncrement(String field, LocalDate registeredOn, int delta) {
        return new Document(field + "." + BucketKeys.day(registeredOn), delta)
                .append(BucketKeys.ALL + "." + BucketKeys.day(registeredOn), delta);
    }

    /**
     * Applies a batch's increments to one bucket in one write, unless the bucket already holds any of the batch's
     * events; then one guarded write per event.
     */
    void applyBatch(String id, List<Increment> increments) {
        Document sum = new Document();
        List<Long> hashes = new ArrayList<>();
        for (Increment increment : increments) {
            hashes.add(increment.hash());
            increment.inc().forEach((path, value) -> sum.merge(path, value,
                    (a, b) -> ((Number) a).longValue() + ((Number) b).longValue()));
        }
        try {
            buckets.updateOne(new Document("_id", id).append("recent", new Document("$nin", hashes)),
                              new Document("$inc", sum).append("$push", new Document("recent", new Document(
                                      "$each", hashes).append("$slice", -RECENT))),
                              new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            for (Increment increment : increments) {
                guardedInc(id, increment.inc(), increment.hash());
            }
        }
    }

    @Override
    public void addOpen(String villageCode, String field, LocalDate registeredOn, int delta, long eventHash) {
        Document inc = openIncrement(field, registeredOn, delta);
        for (String region : BucketKeys.regionsOf(villageCode)) {
            guardedInc(BucketKeys.open(region, YearMonth.from(registeredOn)), inc, eventHash);
        }
    }

    private void guardedInc(String id, Document inc, long eventHash) {
        try {
            buckets.updateOne(new Document("_id", id).append("recent", new Document("$ne", eventHash)),
                              new Document("$inc", inc).append("$push", new Document("recent", new Document(
                                      "$each", List.of(eventHash)).append("$slice", -RECENT))),
                              new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // the bucket exists and already holds this event's hash: applied before
        }
    }

    @Override
    public Map<String, Document> buckets(Collection<String> ids) {
        Map<String, Document> result = new HashMap<>();
        for (Document document : buckets.find(new Document("_id", new Document("$in", new ArrayList<>(ids))))
                                         .projection(Projections.exclude("recent"))) {
            result.put(document.getString("_id"), document);
        }
        return result;
    }

    /** Every bucket (a scan: for verification only). */
    Map<String, Document> allBuckets() {
        Map<String, Document> result = new HashMap<>();
        for (Document document : buckets.find().projection(Projections.exclude("recent"))) {
            result.put(document.getString("_id"), document);
        }
        return result;
    }

    @Override
    public String firstMonth() {
        Document document = meta.find(new Document("_id", "months")).first();
        return document == null ? null : document.getString("first");
    }

    @Override
    public void clear() {
        facts.drop();
        buckets.drop();
        meta.drop();
    }
}
