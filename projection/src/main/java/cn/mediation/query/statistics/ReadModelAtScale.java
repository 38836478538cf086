package cn.mediation.query.statistics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics read model built in bulk, for benchmarks and tools that need a large one fast: the projection's own
 * {@link StatisticsModel} in memory, one dispute at a time, then the bucket documents written into MongoDB in bulk —
 * the documents the live projection would have written (with a version, and no guard entries: every event counts as
 * committed), without going event by event through the store. {@link #sameBuckets} checks that claim against a
 * database the live projection filled.
 */
public final class ReadModelAtScale {

    private final MemoryStatisticsStore memory = new MemoryStatisticsStore();
    private final Map<String, Long> versions = new HashMap<>();
    private final StatisticsModel model;
    private long events;

    public ReadModelAtScale() {
        StatisticsStore store = new StatisticsStore() {
            @Override
            public StatisticsStore.Stored facts(String disputeId) {
                return memory.facts(disputeId);
            }

            @Override
            public void saveFacts(String disputeId, long expectedSeq, long seq, DisputeFacts value) {
                memory.saveFacts(disputeId, expectedSeq, seq, value);
            }

            @Override
            public void increment(String bucketId, Document inc, long eventHash) {
                memory.increment(bucketId, inc, eventHash);
                versions.merge(bucketId, 1L, Long::sum);
            }

            @Override
            public Map<String, Document> buckets(Collection<String> ids) {
                return memory.buckets(ids);
            }

            @Override
            public String firstMonth() {
                return memory.firstMonth();
            }

            @Override
            public void clear() {
                throw new UnsupportedOperationException();
            }
        };
        model = new StatisticsModel(store, StatisticsModel.DisputeIndex.NONE);
    }

    /** Applies one dispute's events in order; its facts are dropped afterwards (they are not read by the call). */
    public void apply(List<? extends EventMessage<?>> dispute) {
        for (EventMessage<?> message : dispute) {
            long seq = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
            model.apply(message.getPayload(), seq, message.getIdentifier());
            events++;
        }
        memory.clearFacts();
    }

    public long events() {
        return events;
    }

    public int bucketCount() {
        return memory.allBuckets().size();
    }

    /** Writes the buckets and the first month where the live projection keeps them; returns the documents written. */
    public int writeTo(MongoDatabase database) {
        new MongoStatisticsStore(database); // the indexes the live projection makes (the database starts empty)
        MongoCollection<Document> buckets = database.getCollection("stat_buckets");
        List<Document> batch = new ArrayList<>();
        int written = 0;
        for (Map.Entry<String, Document> entry : memory.allBuckets().entrySet()) {
            Document document = new Document(entry.getValue())
                    .append("v", versions.getOrDefault(entry.getKey(), 0L));
            batch.add(document);
            if (batch.size() == 500) {
                buckets.insertMany(batch, new InsertManyOptions().ordered(false));
                written += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            buckets.insertMany(batch);
            written += batch.size();
        }
        if (memory.firstMonth() != null) {
            database.getCollection("stat_meta").insertOne(new Document("_id", "months").append("first", memory.firstMonth()));
        }
        return written;
    }

    /**
     * Differences (up to {@code limit}) between the buckets of two databases, the applied-event guard and versions
     * left out: empty when both hold the same figures.
     */
    public static List<String> sameBuckets(MongoDatabase a, MongoDatabase b, int limit) {
        Map<String, Document> left = read(a);
        Map<String, Document> right = read(b);
        List<String> differences = new ArrayList<>();
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(left.keySet());
        ids.addAll(right.keySet());
        for (String id : ids) {
            Map<String, Long> l = flat(left.get(id));
            Map<String, Long> r = flat(right.get(id));
            if (!l.equals(r) && differences.size() < limit) {
                differences.add(id);
            }
        }
        return differences;
    }

    private static Map<String, Document> read(MongoDatabase database) {
        Map<String, Document> result = new HashMap<>();
        for (Document document : database.getCollection("stat_buckets").find()
                                         .projection(Projections.exclude(BucketGuard.FIELD, "v"))) {
            result.put(document.getString("_id"), document);
        }
        return result;
    }

    private static Map<String, Long> flat(Document document) {
        Map<String, Long> flat = new TreeMap<>();
        if (document != null) {
            walk("", document, flat);
        }
        return flat;
    }

    private static void walk(String prefix, Document node, Map<String, Long> flat) {
        node.forEach((key, value) -> {
            if (value instanceof Document child) {
                walk(prefix + key + ".", child, flat);
            } else if (value instanceof Number number && number.longValue() != 0) {
                flat.put(prefix + key, number.longValue());
            }
        });
    }
}
