package cn.mediation.query.sweep;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a village's sweeps of a month: one keyed document. */
@Component
public class SweepQueries {

    private final MongoCollection<Document> months;

    public SweepQueries(MongoDatabase database) {
        this.months = database.getCollection(SweepProjection.COLLECTION);
    }

    public Map<String, Object> ofMonth(String villageCode, String month) {
        Document found = months.find(new Document("_id", SweepProjection.key(villageCode, month))).first();
        List<Map<String, Object>> sweeps = new ArrayList<>();
        if (found != null) {
            for (Document sweep : found.getList("sweeps", Document.class, List.of())) {
                sweeps.add(new LinkedHashMap<>(sweep));
            }
        }
        sweeps.sort(Comparator.comparing((Map<String, Object> s) -> String.valueOf(s.get("date")))
                              .thenComparing(s -> String.valueOf(s.get("id"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sweeps", sweeps);
        body.put("count", sweeps.size());
        body.put("found", sweeps.stream().mapToInt(s -> ((Number) s.get("found")).intValue()).sum());
        return body;
    }
}
