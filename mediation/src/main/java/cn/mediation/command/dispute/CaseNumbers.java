package cn.mediation.command.dispute;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import cn.mediation.core.mongo.Counters;
import org.bson.Document;

/**
 * Allocates case numbers: one counter document per committee and year, advanced atomically by
 * {@link Counters}. A number is never handed out twice, even to concurrent registrations; a number whose
 * registration then fails is skipped, never reused.
 */
public class CaseNumbers {

    private final MongoCollection<Document> counters;

    public CaseNumbers(MongoDatabase database) {
        this.counters = database.getCollection("case_number_counters");
        Counters.ensureIndex(counters);
    }

    /** For example {@code 2026-511902101001-0007}: year, committee area, running number. */
    public String next(String committeeId, String committeeArea, int year) {
        long value = Counters.allocate(counters, committeeId + "|" + year, 1, new java.util.Date());
        return String.format("%d-%s-%04d", year, committeeArea, value);
    }
}
