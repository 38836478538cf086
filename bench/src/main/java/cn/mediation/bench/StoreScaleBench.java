package cn.mediation.bench;

import cn.mediation.core.eventstore.layout.EventCollections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The embedded store at a size no city reaches in years: N documents shaped like the global event log (the same
 * fields and the same two unique indexes as our engine's {@code events}) written through the driver in batches of
 * 1,000, the store closed, then reopened (three times unless told); each reopen counts every document and finds sampled ones
 * through each index. Prints the rates, the size on disk and the bytes per event. The engine's append protocol is
 * not in this figure (W2 at scale measures the app on an imported log); this is what the store holds and reopens.
 *
 * <p>{@code bench/run-store-scale [events [reopens]]} (default 10,000,000 and 3), {@code -Dbench.store=rocksdb|sqlite|h2}.
 */
public final class StoreScaleBench {

    private static final int BATCH = 1_000;
    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final int SAMPLES = 1_000;

    private StoreScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        int reopens = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path directory = Files.createTempDirectory("store-scale-");
        Path store = directory.resolve("store");
        try {
            double writeSeconds = write(store, events);
            long bytes = sizeOnDisk(store);
            System.out.printf(Locale.ROOT, "written: %,d events in %.1f s (%,.0f events/s); %,.1f MiB on disk, "
                                           + "%,.0f bytes per event%n", events, writeSeconds, events / writeSeconds,
                              bytes / 1048576.0, (double) bytes / events);
            boolean allOk = true;
            for (int reopen = 1; reopen <= reopens; reopen++) {
                long started = System.nanoTime();
                try (EmbeddedMongo mongo = new EmbeddedMongo(store)) {
                    double open = (System.nanoTime() - started) / 1e9;
                    MongoCollection<Document> log = mongo.database("scale").getCollection(EventCollections.EVENTS);
                    long counted = countEach(log);
                    double count = (System.nanoTime() - started) / 1e9 - open;
                    int found = sample(log, events, reopen);
                    boolean ok = counted == events && found == 2 * SAMPLES;
                    allOk &= ok;
                    System.out.printf(Locale.ROOT, "reopen %d: opened in %.2f s, counted %,d in %.1f s, %d of %d "
                                                   + "sampled lookups found through the indexes: %s%n", reopen, open,
                                      counted, count, found, 2 * SAMPLES, ok ? "ok" : "NOT OK");
                }
            }
            System.out.println("store_scale_events=" + events + " store_scale_ok=" + allOk
                               + String.format(Locale.ROOT, " store_scale_bytes_per_event=%.0f", (double) bytes / events));
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(directory);
        }
    }

    /**
     * Counts a collection by reading every document's {@code _id} in batches: countDocuments() goes through the
     * embedded server's aggregation, which holds every document in memory at once (out of memory at a million).
     */
    static long countEach(MongoCollection<Document> collection) {
        long counted = 0;
        for (Document ignored : collection.find().projection(new Document("_id", 1)).batchSize(10_000)) {
            counted++;
        }
        return counted;
    }

    private static double write(Path store, long events) {
        long started = System.nanoTime();
        try (EmbeddedMongo mongo = new EmbeddedMongo(store)) {
            MongoCollection<Document> log = mongo.database("scale").getCollection(EventCollections.EVENTS);
            log.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                            new IndexOptions().unique(true).name("aggregate_sequence"));
            log.createIndex(Indexes.ascending("eventIdentifier"),
                            new IndexOptions().unique(true).name("event_identifier"));
            List<Document> batch = new ArrayList<>(BATCH);
            for (long i = 0; i < events; i++) {
                batch.add(document(i));
                if (batch.size() == BATCH) {
                    log.insertMany(batch);
                    batch.clear();
                }
                if (i > 0 && i % 1_000_000 == 0) {
                    Progress.say("store scale: %,d events written", i);
                }
            }
            if (!batch.isEmpty()) {
                log.insertMany(batch);
            }
            mongo.commit();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static Document document(long i) {
        DomainEventMessage<?> event = SampleEvents.event(aggregate(i / EVENTS_PER_AGGREGATE), i % EVENTS_PER_AGGREGATE);
        return SampleEvents.logDocument(i + 1, event, Engines.SERIALIZER).append("eventIdentifier", "event-" + i);
    }

    private static String aggregate(long n) {
        return "dispute-" + n;
    }

    /** Looks sampled events up by each unique index; returns how many were found. */
    private static int sample(MongoCollection<Document> log, long events, int seed) {
        Random random = new Random(seed);
        int found = 0;
        for (int s = 0; s < SAMPLES; s++) {
            long i = (long) (random.nextDouble() * events);
            if (log.find(new Document("eventIdentifier", "event-" + i)).first() != null) {
                found++;
            }
            if (log.find(new Document("aggregateIdentifier", aggregate(i / EVENTS_PER_AGGREGATE))
                                 .append("sequenceNumber", i % EVENTS_PER_AGGREGATE)).first() != null) {
                found++;
            }
        }
        return found;
    }

    private static long sizeOnDisk(Path directory) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
