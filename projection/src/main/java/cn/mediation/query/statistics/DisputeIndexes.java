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
            if (index.find(new Document("_id", MONTHS_INDEXED)).first() == null) {
                indexMonthsOfExistingKeys();
            }
        }

        private static final String MONTHS = "m|";
        private static final String MONTHS_INDEXED = "months-indexed";
        private final java.util.concurrent.atomic.AtomicLong keysRead = new java.util.concurrent.atomic.AtomicLong();

        /** Village-and-month keys asked for so far (for tests: the work of drill-through lists). */
        long keysRead() {
            return keysRead.get();
        }

        @Override
        public void add(String villageCode, LocalDate date, String disputeId) {
            index.updateOne(new Document("_id", key(villageCode, YearMonth.from(date))),
                            new Document("$addToSet", new Document("ids", disputeId)),
                            new UpdateOptions().upsert(true));
            addMonths(List.of(key(villageCode, YearMonth.from(date))));
        }

        /** Per village, the months it has disputes in ({@code m|<village>}), so a list skips the empty ones. */
        private void addMonths(Collection<String> keys) {
            Map<String, Set<String>> months = new HashMap<>();
            for (String key : keys) {
                int bar = key.indexOf('|');
                if (bar > 0 && !key.startsWith(MONTHS)) {
                    months.computeIfAbsent(key.substring(0, bar), v -> new java.util.TreeSet<>()).add(key.substring(bar + 1));
                }
            }
            List<UpdateOneModel<Document>> writes = new ArrayList<>();
            months.forEach((village, set) -> writes.add(new UpdateOneModel<>(
                    new Document("_id", MONTHS + village),
                    new Document("$addToSet", new Document("months", new Document("$each", new ArrayList<>(set)))),
                    new UpdateOptions().upsert(true))));
            Chunks.of(writes).forEach(chunk -> index.bulkWrite(chunk, new BulkWriteOptions().ordered(false)));
        }

        /** An index written before the months were kept: its keys give them (one pass, at the first start). */
        private void indexMonthsOfExistingKeys() {
            List<String> keys = new ArrayList<>();
            for (Document document : index.find().projection(new Document("_id", 1))) {
                keys.add(document.getString("_id"));
                if (keys.size() == 10_000) {
                    addMonths(keys);
                    keys.clear();
                }
            }
            addMonths(keys);
            markMonthsIndexed();
        }

        private void markMonthsIndexed() {
            index.updateOne(new Document("_id", MONTHS_INDEXED), new Document("$set", new Document("at", new java.util.Date())),
                            new UpdateOptions().upsert(true));
        }

        /** Only the months each village has disputes in: one query for the villages' months. */
        @Override
        public List<String> keysWithin(Collection<String> villages, YearMonth first, YearMonth last) {
            List<String> keys = new ArrayList<>();
            List<String> ids = villages.stream().map(v -> MONTHS + v).toList();
            for (List<String> chunk : Chunks.of(ids)) {
                for (Document document : index.find(new Document("_id", new Document("$in", chunk)))) {
                    String village = document.getString("_id").substring(MONTHS.length());
                    for (String month : document.getList("months", String.class)) {
                        YearMonth m = YearMonth.parse(month);
                        if (!m.isBefore(first) && !m.isAfter(last)) {
                            keys.add(key(village, m));
                        }
                    }
                }
            }
            return keys;
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
            addMonths(disputeIdsByKey.keySet());
        }

        @Override
        public Collection<String> disputes(Collection<String> keys) {
            keysRead.addAndGet(keys.size());
            Set<String> ids = new LinkedHashSet<>();
            for (Document document : index.find(new Document("_id", new Document("$in", new ArrayList<>(keys))))) {
                ids.addAll(document.getList("ids", String.class));
            }
            return ids;
        }

        void clear() {
            index.drop();
            // a rebuild writes every village's months again
            markMonthsIndexed();
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
