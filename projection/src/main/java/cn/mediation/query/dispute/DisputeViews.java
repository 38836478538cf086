package cn.mediation.query.dispute;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Looks up dispute views by id and shapes them for the API. */
@Component
public class DisputeViews {

    private final MongoCollection<Document> views;

    public DisputeViews(MongoDatabase database) {
        this.views = database.getCollection(DisputeViewProjection.COLLECTION);
        // auditors look cases up by their number; a rebuild drops the collection and lookups scan until restart
        views.createIndex(com.mongodb.client.model.Indexes.ascending("caseNumber"),
                          new com.mongodb.client.model.IndexOptions().name("case_number"));
    }

    /** The views carrying a case number (one, unless sample data reused a number). */
    public java.util.List<Map<String, Object>> findByCaseNumber(String caseNumber) {
        java.util.List<Map<String, Object>> found = new java.util.ArrayList<>();
        if (caseNumber == null || caseNumber.length() > 64) {
            return found;
        }
        for (Document document : views.find(new Document("caseNumber", caseNumber)).limit(10)) {
            found.add(shape(document));
        }
        return found;
    }

    public Optional<Map<String, Object>> find(String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        Document document = views.find(new Document("_id", id)).first();
        return Optional.ofNullable(document).map(DisputeViews::shape);
    }

    /** Views of the given ids, in the order given (absent ones are left out). */
    public java.util.List<Map<String, Object>> findAll(java.util.List<String> ids) {
        Map<String, Document> byId = new java.util.HashMap<>();
        for (Document document : views.find(new Document("_id", new Document("$in", ids)))) {
            byId.put(document.getString("_id"), document);
        }
        java.util.List<Map<String, Object>> result = new java.util.ArrayList<>();
        for (String id : ids) {
            Document document = byId.get(id);
            if (document != null) {
                result.add(shape(document));
            }
        }
        return result;
    }

    static Map<String, Object> shape(Document document) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", document.get("_id"));
        document.forEach((key, value) -> {
            if (!key.equals("_id") && !key.equals("seq") && !key.equals("recordedAt")) {
                body.put(key, value);
            }
        });
        return body;
    }
}
