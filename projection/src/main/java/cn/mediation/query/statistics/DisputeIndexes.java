package cn.mediation.query.statistics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import cn.mediation.query.support.Chunks;
import org.bson.Document;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The village-and-month index of disputes behind the figures, on MongoDB ({@code $addToSet}: idempotent) or in memory. */
final class DisputeIndexes {

    private DisputeIndexes() {
    }

    static String key(String villageCode, YearMonth month) {
        return villageCode + "|" + month;
    }

    static final class Mongo implements StatisticsModel.DisputeIndex {
        private final MongoCollection<Document> index;

        Mongo(MongoDatabase database) {
            this.index = database.getCollection("stat_index");
        }

        @Override
        public void add(String villageCode, LocalDate date, String disputeId) {
            index.updateOne(new Document("_id", key(villageCode, YearMonth.from(date))),
                            new Document("$addToSet", new Document("ids", disputeId)),
                            new UpdateOptions().upsert(true));
        }

        /** Adds each key's disputes, all keys in one unordered bulk command ({@code $addToSet}: safe to repeat). */
        void addAll(Map<String, Set<String>> disputeIdsByKey) {
            if (disputeIdsByKey.isEmpty()) {
                return;
            }
            List<UpdateOneModel<Document>> writes = new ArrayList<>();
            disputeIdsByKey.forEach((key, ids) -> writes.add(new UpdateOneModel<>(
                    new Document("_id", key),
                    new Document("$addToSet", new Document("ids", new Document("$each", new ArrayList<>(ids)))),
                    new UpdateOptions().upsert(true))));
            Chunks.of(writes).forEach(chunk -> index.bulkWrite(chunk, new BulkWriteOptions().ordered(false)));
        }

        @Override
        public Collection<String> disputes(Collection<String> keys) {
            Set<String> ids = new LinkedHashSet<>();
            for (Document document : index.find(new Document("_id", new Document("$in", new ArrayList<>(keys))))) {
                ids.addAll(document.getList("ids", String.class));
            }
            return ids;
        }

        void clear() {
            index.drop();
        }
    }

    static final class Memory implements StatisticsModel.DisputeIndex {
        private final Map<String, Set<String>> index = new HashMap<>();

        @Override
        public void add(String villageCode, LocalDate date, String disputeId) {
            index.computeIfAbsent(key(villageCode, YearMonth.from(date)), k -> new LinkedHashSet<>()).add(disputeId);
        }

        @Override
        public Collection<String> disputes(Collection<String> keys) {
            Set<String> ids = new LinkedHashSet<>();
            keys.forEach(k -> ids.addAll(index.getOrDefault(k, Set.of())));
            return ids;
        }
    }
}
