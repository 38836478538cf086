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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

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

    /**
     * Inside a processing batch the changes are collected and written when the batch's last event is handled (one
     * write per view and per list entry moved, before the token is stored); outside one, at once.
     */
    @Override
    public void apply(String id, long seq, UnaryOperator<Document> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            Batch batch = new Batch();
            batch.apply(id, seq, change);
            batch.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Batch batch = unitOfWork.root().getOrComputeResource(BATCH + System.identityHashCode(this), k -> new Batch());
        batch.apply(id, seq, change);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
            batch.flush();
        }
    }

    private static final String BATCH = "dispute-views-batch-";

    /** The views a batch changed: each as stored before the batch and as it is now. */
    private final class Batch {
        private final Map<String, Document> before = new LinkedHashMap<>();
        private final Map<String, Document> now = new LinkedHashMap<>();

        void apply(String id, long seq, UnaryOperator<Document> change) {
            if (!now.containsKey(id)) {
                Document stored = views.find(new Document("_id", id)).first();
                before.put(id, stored);
                now.put(id, stored);
            }
            Document current = now.get(id);
            if (current != null && ((Number) current.get("seq")).longValue() >= seq) {
                return;
            }
            Document next = change.apply(current == null ? new Document("_id", id) : new Document(current));
            next.put("_id", id);
            next.put("seq", seq);
            now.put(id, next);
        }

        /** List entries move first (set operations, idempotent), then each view is written guarded by its seq. */
        void flush() {
            for (Map.Entry<String, Document> entry : now.entrySet()) {
                String id = entry.getKey();
                Document old = before.get(id);
                Document next = entry.getValue();
                if (next == old) {
                    continue;
                }
                Set<String> was = keys(old);
                Set<String> is = keys(next);
                for (String key : was) {
                    if (!is.contains(key)) {
                        lists.updateOne(new Document("_id", key), new Document("$pull", new Document("ids", id)));
                    }
                }
                for (String key : is) {
                    if (!was.contains(key)) {
                        lists.updateOne(new Document("_id", key), new Document("$addToSet", new Document("ids", id)),
                                        new UpdateOptions().upsert(true));
                    }
                }
                if (old == null && next.getString("registeredOn") != null) {
                    meta.updateOne(new Document("_id", "months"),
                                   new Document("$min", new Document("first", next.getString("registeredOn"))),
                                   new UpdateOptions().upsert(true));
                }
                long seq = ((Number) next.get("seq")).longValue();
                Document written = new Document(next).append("recordedAt", new Date());
                GuardedDocuments.apply(views, id, seq, d -> written);
            }
            before.clear();
            now.clear();
        }
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
