package cn.mediation.query.dispute;

import cn.mediation.query.support.Chunks;
import cn.mediation.query.support.GuardedDocuments;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
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
 * registration day, so that each stays small however large the region; and per region or unit the months that
 * have entries ({@link DisputeLists#addMonths}), so that a list skips the empty ones. Index entries move first (set
 * operations, idempotent), then the view is written, guarded by the event's sequence number.
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
        Batch batch = unitOfWork.root().getOrComputeResource(BATCH + System.identityHashCode(this),
                                                             k -> readingAhead(unitOfWork));
        batch.apply(id, seq, change);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
            batch.flush();
        }
    }

    private static final String BATCH = "dispute-views-batch-";

    /** A batch with the stored views of the aggregates its events belong to already read, in one query. */
    private Batch readingAhead(UnitOfWork<?> unitOfWork) {
        Batch batch = new Batch();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            batch.readAhead(batching.getMessages().stream()
                                    .filter(m -> m instanceof DomainEventMessage<?>)
                                    .map(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier())
                                    .distinct().toList());
        }
        return batch;
    }

    /** The views a batch changed: each as stored before the batch and as it is now. */
    private final class Batch {
        private final Map<String, Document> before = new LinkedHashMap<>();
        private final Map<String, Document> now = new LinkedHashMap<>();
        /** Views read ahead for the batch (null: none stored yet). */
        private final Map<String, Document> readAhead = new HashMap<>();

        void readAhead(List<String> ids) {
            for (List<String> chunk : Chunks.of(ids)) {
                chunk.forEach(id -> readAhead.put(id, null));
                for (Document view : views.find(new Document("_id", new Document("$in", chunk)))) {
                    readAhead.put(view.getString("_id"), view);
                }
            }
        }

        void apply(String id, long seq, UnaryOperator<Document> change) {
            if (!now.containsKey(id)) {
                Document stored = readAhead.containsKey(id) ? readAhead.get(id)
                        : views.find(new Document("_id", id)).first();
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

        /**
         * List entries move first (set operations, idempotent; all removals, then all additions, one bulk command
         * each), then the views are written, each guarded by its seq, in one bulk command; if that command did not
         * write every view as read (a concurrent writer), each view is written again on its own, guarded by its seq.
         */
        void flush() {
            Map<String, List<String>> removals = new LinkedHashMap<>();
            Map<String, List<String>> additions = new LinkedHashMap<>();
            String firstDay = null;
            List<WriteModel<Document>> writes = new ArrayList<>();
            Map<String, Document> written = new LinkedHashMap<>();
            Date recordedAt = new Date();
            for (Map.Entry<String, Document> entry : now.entrySet()) {
                String id = entry.getKey();
                Document old = before.get(id);
                Document next = entry.getValue();
                if (next == old) {
                    continue;
                }
                Set<String> was = keys(old);
                Set<String> is = keys(next);
                was.stream().filter(key -> !is.contains(key))
                   .forEach(key -> removals.computeIfAbsent(key, k -> new ArrayList<>()).add(id));
                is.stream().filter(key -> !was.contains(key))
                  .forEach(key -> additions.computeIfAbsent(key, k -> new ArrayList<>()).add(id));
                String registeredOn = next.getString("registeredOn");
                if (old == null && registeredOn != null && (firstDay == null || registeredOn.compareTo(firstDay) < 0)) {
                    firstDay = registeredOn;
                }
                Document document = new Document(next).append("recordedAt", recordedAt);
                written.put(id, document);
                writes.add(old == null ? new InsertOneModel<>(document)
                        : new ReplaceOneModel<>(new Document("_id", id).append("seq", old.get("seq")), document));
            }
            moveListEntries(removals, ids -> new Document("$pull", new Document("ids", new Document("$in", ids))),
                            false);
            moveListEntries(additions, ids -> new Document("$addToSet", new Document("ids",
                    new Document("$each", ids))), true);
            DisputeLists.addMonths(meta, additions.keySet());
            if (firstDay != null) {
                meta.updateOne(new Document("_id", "months"), new Document("$min", new Document("first", firstDay)),
                               new UpdateOptions().upsert(true));
            }
            if (!writes.isEmpty()) {
                boolean exact = true;
                for (List<WriteModel<Document>> chunk : Chunks.of(writes)) {
                    try {
                        BulkWriteResult result = views.bulkWrite(chunk, new BulkWriteOptions().ordered(false));
                        exact &= result.getInsertedCount() + result.getModifiedCount() == chunk.size();
                    } catch (MongoBulkWriteException e) {
                        exact = false;
                    }
                }
                if (!exact) {
                    written.forEach((id, document) -> GuardedDocuments.apply(
                            views, id, ((Number) document.get("seq")).longValue(), d -> document));
                }
            }
            before.clear();
            now.clear();
            readAhead.clear();
        }

        private void moveListEntries(Map<String, List<String>> idsByKey,
                                     java.util.function.Function<List<String>, Document> update, boolean upsert) {
            if (idsByKey.isEmpty()) {
                return;
            }
            List<WriteModel<Document>> moves = new ArrayList<>();
            idsByKey.forEach((key, ids) -> moves.add(new UpdateOneModel<>(new Document("_id", key), update.apply(ids),
                                                                          new UpdateOptions().upsert(upsert))));
            Chunks.of(moves).forEach(chunk -> lists.bulkWrite(chunk, new BulkWriteOptions().ordered(false)));
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
        // a rebuild writes every list owner's months again
        DisputeLists.markMonthsIndexed(meta);
        GuardedDocuments.ensureIndex(views);
    }
}
