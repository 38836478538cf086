package cn.mediation.query.statistics;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import cn.mediation.query.support.Chunks;
import org.bson.Document;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics state in MongoDB. Every read and write is keyed by {@code _id} (or exactly a unique index). A bucket
 * update is one atomic single-document write: the increments plus the events' positions and hashes added to the
 * bucket's {@link BucketGuard} (the events its processor may not have committed yet), as a compare-and-set on the
 * bucket's version; events whose hash the guard holds are left out, so a redelivered event changes nothing.
 */
final class MongoStatisticsStore implements StatisticsStore {

    /**
     * The shape of the bucket documents (2: steps by month of t, day detail apart; 3: applied events remembered in a
     * {@link BucketGuard} instead of the last 4,000 hashes; 4: the official report's figures, from screenings,
     * agreements, fulfilments and confirmations). Stores of another shape, or of buckets written before shapes were
     * marked, are rebuilt from the event log at start-up.
     */
    static final int FORMAT = 4;

    private final MongoCollection<Document> facts;
    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> meta;
    private final java.util.concurrent.atomic.AtomicLong retriedBulkWrites = new java.util.concurrent.atomic.AtomicLong();

    MongoStatisticsStore(MongoDatabase database) {
        this.facts = database.getCollection("stat_dispute_facts");
        this.buckets = database.getCollection("stat_buckets");
        this.meta = database.getCollection("stat_meta");
        ensureIndexes();
        if (buckets.find().projection(Projections.include("_id")).first() == null) {
            markFormat();
        }
        if (meta.find(new Document("_id", OPEN_MONTHS_INDEXED)).first() == null) {
            indexOpenMonthsOfExistingBuckets();
        }
    }

    private static final String OPEN_MONTHS = "om|";
    private static final String OPEN_MONTHS_INDEXED = "open-months";
    private final java.util.concurrent.atomic.AtomicLong bucketIdsRead = new java.util.concurrent.atomic.AtomicLong();

    /** Bucket ids the calculations have asked for so far (for tests: their work). */
    long bucketIdsRead() {
        return bucketIdsRead.get();
    }

    /** Per region, the months it has open counts in ({@code om|<region>}, never shrunk), from open bucket ids. */
    private void noteOpenMonths(Collection<String> bucketIds) {
        Map<String, java.util.Set<String>> months = new HashMap<>();
        for (String id : bucketIds) {
            String[] parts = id.split("\\|");
            if (parts.length == 3 && parts[0].equals("o")) {
                months.computeIfAbsent(parts[1], r -> new java.util.TreeSet<>()).add(parts[2]);
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        months.forEach((region, set) -> writes.add(new UpdateOneModel<>(
                new Document("_id", OPEN_MONTHS + region),
                new Document("$addToSet", new Document("months", new Document("$each", new ArrayList<>(set)))),
                new UpdateOptions().upsert(true))));
        Chunks.of(writes).forEach(chunk -> meta.bulkWrite(chunk, new BulkWriteOptions().ordered(false)));
    }

    /** Buckets written before the open months were kept: their ids give them (one pass, at the first start). */
    private void indexOpenMonthsOfExistingBuckets() {
        List<String> ids = new ArrayList<>();
        for (Document document : buckets.find().projection(Projections.include("_id"))) {
            ids.add(document.getString("_id"));
            if (ids.size() == 10_000) {
                noteOpenMonths(ids);
                ids.clear();
            }
        }
        noteOpenMonths(ids);
        markOpenMonthsIndexed();
    }

    private void markOpenMonthsIndexed() {
        meta.updateOne(new Document("_id", OPEN_MONTHS_INDEXED),
                       new Document("$set", new Document("at", new java.util.Date())), new UpdateOptions().upsert(true));
    }

    @Override
    public Map<String, List<YearMonth>> openMonths(Collection<String> regions, YearMonth first, YearMonth last) {
        Map<String, List<YearMonth>> result = new HashMap<>();
        List<String> ids = regions.stream().map(region -> OPEN_MONTHS + region).toList();
        for (List<String> chunk : Chunks.of(ids)) {
            for (Document document : meta.find(new Document("_id", new Document("$in", chunk)))) {
                List<YearMonth> months = new ArrayList<>();
                for (String month : document.getList("months", String.class)) {
                    YearMonth m = YearMonth.parse(month);
                    if (!m.isBefore(first) && !m.isAfter(last)) {
                        months.add(m);
                    }
                }
                java.util.Collections.sort(months);
                result.put(document.getString("_id").substring(OPEN_MONTHS.length()), months);
            }
        }
        return result;
    }

    private void markFormat() {
        meta.replaceOne(new Document("_id", "format"), new Document("_id", "format").append("v", FORMAT),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** Whether the buckets were written in another shape than this code reads (then the store must be rebuilt). */
    boolean outdated() {
        Document format = meta.find(new Document("_id", "format")).first();
        return format == null || !Integer.valueOf(FORMAT).equals(format.getInteger("v"));
    }

    /** Compare-and-set filters name exactly these keys, so the embedded server finds them by index. */
    private void ensureIndexes() {
        facts.createIndex(com.mongodb.client.model.Indexes.ascending("_id", "seq"),
                          new com.mongodb.client.model.IndexOptions().unique(true).name("id_seq"));
        buckets.createIndex(com.mongodb.client.model.Indexes.ascending("_id", "v"),
                            new com.mongodb.client.model.IndexOptions().unique(true).name("id_version"));
    }

    @Override
    public Stored facts(String disputeId) {
        Document document = facts.find(new Document("_id", disputeId)).first();
        return document == null ? null
                : new Stored(((Number) document.get("seq")).longValue(), DisputeFacts.of(document));
    }

    /** The facts of several disputes, read with one {@code _id $in} per chunk (absent disputes are left out). */
    Map<String, Stored> facts(Collection<String> disputeIds) {
        Map<String, Stored> result = new HashMap<>();
        for (List<String> chunk : Chunks.of(new ArrayList<>(disputeIds))) {
            for (Document document : facts.find(new Document("_id", new Document("$in", chunk)))) {
                result.put(document.getString("_id"),
                           new Stored(((Number) document.get("seq")).longValue(), DisputeFacts.of(document)));
            }
        }
        return result;
    }

    @Override
    public void saveFacts(String disputeId, long expectedSeq, long seq, DisputeFacts value) {
        saveAllFacts(List.of(new FactsWrite(disputeId, expectedSeq, seq, value)));
    }

    /** A dispute's facts to store if its stored sequence is still {@code expectedSeq} (-1: absent). */
    record FactsWrite(String disputeId, long expectedSeq, long seq, DisputeFacts facts) {
    }

    /**
     * Stores many disputes' facts in one unordered bulk command, each as {@link #saveFacts} would: a new dispute is
     * inserted (already there: saved by an earlier delivery of the same event), a known one replaced only if its
     * stored sequence is still the expected one; then the earliest registration month, once.
     */
    void saveAllFacts(Collection<FactsWrite> writes) {
        List<WriteModel<Document>> models = new ArrayList<>();
        String firstMonth = null;
        for (FactsWrite write : writes) {
            Document document = write.facts().toDocument().append("_id", write.disputeId()).append("seq", write.seq());
            if (write.expectedSeq() < 0) {
                models.add(new InsertOneModel<>(document));
                String month = YearMonth.from(write.facts().registeredOn).toString();
                firstMonth = firstMonth == null || month.compareTo(firstMonth) < 0 ? month : firstMonth;
            } else {
                models.add(new ReplaceOneModel<>(new Document("_id", write.disputeId())
                                                         .append("seq", write.expectedSeq()), document));
            }
        }
        for (List<WriteModel<Document>> chunk : Chunks.of(models)) {
            try {
                facts.bulkWrite(chunk, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (com.mongodb.bulk.BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
            }
        }
        if (firstMonth != null) {
            meta.updateOne(new Document("_id", "months"), new Document("$min", new Document("first", firstMonth)),
                           new UpdateOptions().upsert(true));
        }
    }

    /** One event's increments to one bucket; {@code position}: its tracking token's (-1: not known). */
    record Increment(long hash, long position, Document inc) {
    }

    @Override
    public void increment(String bucketId, Document inc, long eventHash) {
        applyBatch(bucketId, List.of(new Increment(eventHash, -1, inc)), BucketGuard.Writer.NONE);
    }

    /**
     * Applies a batch's increments to one bucket in one write: reads the bucket's version and the hashes of the
     * events it holds, leaves out the events already applied, and writes the rest with a compare-and-set on
     * {@code (_id, v)}; a concurrent writer makes it read again.
     */
    void applyBatch(String id, List<Increment> increments, BucketGuard.Writer writer) {
        noteOpenMonths(List.of(id));
        Object lostAt = null;
        while (true) {
            Document head = buckets.find(new Document("_id", id))
                                   .projection(Projections.include(BucketGuard.FIELD, "v")).first();
            UpdateOneModel<Document> write = guardedWrite(id, head, increments, writer);
            if (write == null) {
                return;
            }
            if (head != null && head.get("v").equals(lostAt)) {
                throw new IllegalStateException("The compare-and-set on bucket " + id + " at version " + lostAt
                        + " matched nothing though no other writer changed it: its (_id, v) index disagrees with the "
                        + "document (an embedded store stopped uncleanly rebuilds its indexes at start-up)");
            }
            try {
                if (buckets.updateOne(write.getFilter(), write.getUpdate(), write.getOptions()).getModifiedCount() == 1
                        || head == null) {
                    return;
                }
                lostAt = head.get("v");
            } catch (MongoWriteException e) {
                // created by a concurrent writer: read again
            }
        }
    }

    /**
     * The guarded write of {@link #applyBatch} for many buckets at once: their heads read with one {@code _id $in}
     * per chunk and the writes sent as one unordered bulk command. When the bulk command did not change exactly the
     * buckets it was given (a concurrent writer, a bucket created in between), every bucket of the chunk goes
     * through {@link #applyBatch} again: the hashes make that repeat nothing that did land.
     */
    void applyBatches(Map<String, List<Increment>> byBucket, BucketGuard.Writer writer) {
        noteOpenMonths(byBucket.keySet());
        for (List<String> chunk : Chunks.of(new ArrayList<>(byBucket.keySet()))) {
            Map<String, Document> heads = new HashMap<>();
            for (Document head : buckets.find(new Document("_id", new Document("$in", chunk)))
                                        .projection(Projections.include(BucketGuard.FIELD, "v"))) {
                heads.put(head.getString("_id"), head);
            }
            List<UpdateOneModel<Document>> writes = new ArrayList<>();
            for (String id : chunk) {
                UpdateOneModel<Document> write = guardedWrite(id, heads.get(id), byBucket.get(id), writer);
                if (write != null) {
                    writes.add(write);
                }
            }
            if (writes.isEmpty()) {
                continue;
            }
            boolean exact;
            try {
                BulkWriteResult result = buckets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                exact = result.getModifiedCount() + result.getUpserts().size() == writes.size();
            } catch (MongoBulkWriteException e) {
                exact = false;
            }
            if (!exact) {
                retriedBulkWrites.incrementAndGet();
                chunk.forEach(id -> applyBatch(id, byBucket.get(id), writer));
            }
        }
    }

    /** How many bulk bucket writes lost a compare-and-set and were made again bucket by bucket. */
    long retriedBulkWrites() {
        return retriedBulkWrites.get();
    }

    /**
     * The compare-and-set on {@code (_id, v)} that adds to a bucket, as read in {@code head} (null: absent), the
     * increments of the events its guard does not hold, and sets the writer's guard entries (its committed ones
     * dropped, the new ones added); null when the guard holds them all.
     */
    private static UpdateOneModel<Document> guardedWrite(String id, Document head, List<Increment> increments,
                                                         BucketGuard.Writer writer) {
        BucketGuard guard = new BucketGuard(head, writer);
        Document sum = new Document();
        for (Increment increment : increments) {
            if (guard.add(increment.position(), increment.hash())) {
                increment.inc().forEach((path, value) -> sum.merge(path, value,
                        (a, b) -> ((Number) a).longValue() + ((Number) b).longValue()));
            }
        }
        if (!guard.added()) {
            return null;
        }
        long version = head == null ? 0 : ((Number) head.get("v")).longValue();
        Document update = new Document("$set", new Document("v", version + 1).append(
                BucketGuard.FIELD + "." + writer.segment(), guard.stored()));
        if (!sum.isEmpty()) {
            update.append("$inc", sum);
        }
        return new UpdateOneModel<>(new Document("_id", id).append("v", version), update,
                                    new UpdateOptions().upsert(head == null));
    }

    @Override
    public Map<String, Document> buckets(Collection<String> ids) {
        Map<String, Document> result = new HashMap<>();
        for (Document document : buckets.find(new Document("_id", new Document("$in", new ArrayList<>(ids))))
                                         .projection(Projections.exclude(BucketGuard.FIELD))) {
            result.put(document.getString("_id"), document);
        }
        return result;
    }


    @Override
    public Map<String, Document> buckets(Collection<String> ids, Collection<String> fieldKeys,
                                         Collection<YearMonth> dayDetail) {
        List<String> paths = new ArrayList<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(fieldKeys);
        keys.add(BucketKeys.ALL);
        for (String key : keys) {
            paths.add(BucketKeys.MONTHS + "." + key);
            paths.add(key);
            for (YearMonth month : dayDetail) {
                paths.add(BucketKeys.DAYS + "." + month + "." + key);
            }
        }
        bucketIdsRead.addAndGet(ids.size());
        Map<String, Document> result = new HashMap<>();
        for (Document document : buckets.find(new Document("_id", new Document("$in", new ArrayList<>(ids))))
                                         .projection(Projections.include(paths))) {
            result.put(document.getString("_id"), document);
        }
        return result;
    }

    /** Every bucket (a scan: for verification only). */
    Map<String, Document> allBuckets() {
        Map<String, Document> result = new HashMap<>();
        for (Document document : buckets.find().projection(Projections.exclude(BucketGuard.FIELD))) {
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
        ensureIndexes();
        markFormat();
        // a rebuild notes every region's open months again
        markOpenMonthsIndexed();
    }
}
