package cn.mediation.bench;

import cn.mediation.query.dispute.DisputeViews;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An auditor's {@code ?caseNumber=} lookup through the app's own {@link DisputeViews} (its non-unique
 * {@code case_number} index), at a small and a large number of case views: flat means the store answers from the
 * index, not by scanning the views.
 */
final class CaseNumberWorkload {

    private static final int LOOKUPS = 2_000;
    private static final int BATCH = 1_000;

    private final EmbeddedMongo mongo;
    private final Report report;

    CaseNumberWorkload(EmbeddedMongo mongo, Report report) {
        this.mongo = mongo;
        this.report = report;
    }

    void run(int small, int large, String smallKey, String largeKey) {
        MongoDatabase database = mongo.database("case_numbers");
        DisputeViews views = new DisputeViews(database);
        MongoCollection<Document> collection = database.getCollection("dispute_views");
        report.section(String.format("Case-number lookups (DisputeViews.findByCaseNumber, %,d lookups of random "
                                     + "existing numbers, median and p99)", LOOKUPS));
        load(collection, 0, small);
        double smallP50 = time(views, small, smallKey, "%,d views".formatted(small));
        load(collection, small, large);
        double largeP50 = time(views, large, largeKey, "%,d views".formatted(large));
        report.row("ratio large / small (flat is 1)", Stats.ratio(largeP50, smallP50), "", "case_number_p50_ratio");
        database.drop();
    }

    private void load(MongoCollection<Document> collection, int from, int to) {
        Progress.say("case numbers: loading views %,d to %,d", from, to);
        List<Document> batch = new ArrayList<>(BATCH);
        for (int i = from; i < to; i++) {
            batch.add(view(i));
            if (batch.size() == BATCH) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
        mongo.commit();
    }

    /** A view shaped like the projection's: committee, year and running number in the case number. */
    private static Document view(int i) {
        return new Document("_id", "dispute-" + i)
                .append("caseNumber", caseNumber(i))
                .append("status", i % 3 == 0 ? "CLOSED" : "MEDIATING")
                .append("field", "NEIGHBOURHOOD")
                .append("village", "5119021010" + String.format("%02d", i % 40))
                .append("registeredOn", "2026-03-0" + (1 + i % 9))
                .append("summary", "相邻关系纠纷，双方就排水沟占地发生争执")
                .append("version", 3L);
    }

    private static String caseNumber(int i) {
        return "（2026）巴调字第C" + (i % 500) + "-" + (i / 500 + 1) + "号";
    }

    private double time(DisputeViews views, int stored, String key, String label) {
        Random random = new Random(stored);
        long[] nanos = new long[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            String number = caseNumber(random.nextInt(stored));
            long start = System.nanoTime();
            int found = views.findByCaseNumber(number).size();
            nanos[i] = System.nanoTime() - start;
            if (found != 1) {
                throw new IllegalStateException("case number " + number + " found " + found + " times");
            }
        }
        double[] micros = Stats.toMicros(nanos);
        double p50 = Stats.median(micros) / 1_000.0;
        report.row("lookup p50 at " + label, p50, "ms", key);
        report.row("lookup p99 at " + label, Stats.percentile(micros, 99) / 1_000.0, "ms", null);
        return p50;
    }
}
