package cn.mediation.query.dispute;

import cn.mediation.query.support.GuardedDocuments;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Dispute views in MongoDB and the keyed list indexes that case lists read: for every region level of the village
 * ({@code r|<region>|<status>|<registration day>}) and for the unit that must act ({@code u|<unit>|<status>|<day>}:
 * the handling unit, or for an escalated dispute the unit it was sent to — a centre's inbox), one document per
 * registration day, so that each stays small however large the region. Index entries move
 * first (set operations, idempotent), then the view is written, guarded by the event's sequence number.
 */
final class MongoViewTarget implements ViewTarget {

    private final MongoCollection<Document> views;
    private final MongoCollection<Document> lists;
    private final MongoCollection<Document> meta;

    MongoViewTarget(MongoDatabase database) {
        this.views = database.getCollection(DisputeViewProjection.COLLECTION);
        this.lists = database.getCollection(DisputeLists.COLLECTION);
        this.meta = database.getCollection(DisputeLists.META);
        GuardedDocuments.ensureIndex(views);
    }

    @Override
    public void apply(String id, long seq, UnaryOperator<Document> change) {
        Document current = views.find(new Document("_id", id)).first();
        if (current != null && ((Number) current.get("seq")).longValue() >= seq) {
            return;
        }
        Document next = change.apply(current == null ? new Document("_id", id) : new Document(current));
        Set<String> before = keys(current);
        Set<String> after = keys(next);
        for (String key : before) {
            if (!after.contains(key)) {
                lists.updateOne(new Document("_id", key), new Document("$pull", new Document("ids", id)));
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                lists.updateOne(new Document("_id", key), new Document("$addToSet", new Document("ids", id)),
                                new UpdateOptions().upsert(true));
            }
        }
        if (current == null && next.getString("registeredOn") != null) {
            meta.updateOne(new Document("_id", "months"),
                           new Document("$min", new Document("first", next.getString("registeredOn"))),
                           new UpdateOptions().upsert(true));
        }
        GuardedDocuments.apply(views, id, seq, d -> change.apply(d).append("recordedAt", new Date()));
    }

    static Set<String> keys(Document view) {
        Set<String> keys = new HashSet<>();
        if (view == null || view.getString("status") == null || view.getString("registeredOn") == null) {
            return keys;
        }
        String status = view.getString("status");
        String day = view.getString("registeredOn");
        List<String> regions = new ArrayList<>();
        for (String level : new String[]{"villageCode", "townCode", "countyCode", "cityCode"}) {
            if (view.getString(level) != null) {
                regions.add(view.getString(level));
            }
        }
        regions.forEach(region -> keys.add(DisputeLists.regionKey(region, status, day)));
        String unit = "ESCALATED".equals(status) && view.getString("escalatedToUnit") != null
                ? view.getString("escalatedToUnit") : view.getString("handlingUnit");
        if (unit != null) {
            keys.add(DisputeLists.unitKey(unit, status, day));
        }
        return keys;
    }

    @Override
    public void clear() {
        views.drop();
        lists.drop();
        meta.drop();
        GuardedDocuments.ensureIndex(views);
    }
}
