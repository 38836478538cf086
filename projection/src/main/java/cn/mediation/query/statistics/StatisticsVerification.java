package cn.mediation.query.statistics;

import cn.mediation.query.committee.CommitteeReplayCheck;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays the whole log in memory and compares every bucket with the live statistics, value by value, and in the
 * same pass the committees' read model the report's roster is counted from ({@link CommitteeReplayCheck}). An empty
 * list means the live figures are exactly what a fresh replay gives.
 */
@Component
public class StatisticsVerification {

    private final StatisticsProjection projection;
    private final StatisticsReplay replay;
    private final MongoDatabase database;

    public StatisticsVerification(StatisticsProjection projection, StatisticsReplay replay, MongoDatabase database) {
        this.projection = projection;
        this.replay = replay;
        this.database = database;
    }

    public List<Map<String, Object>> differences() {
        try (CommitteeReplayCheck committees = new CommitteeReplayCheck(database)) {
            List<Map<String, Object>> differences = statisticsDifferences(committees);
            differences.addAll(committees.differences());
            return differences;
        }
    }

    /** The buckets' differences, from one pass over the log that feeds the committees' check too. */
    private List<Map<String, Object>> statisticsDifferences(CommitteeReplayCheck committees) {
        MemoryStatisticsStore fresh = (MemoryStatisticsStore) replay.replayUntil(null, committees::apply).store();
        Map<String, Long> expected = flatten(fresh.allBuckets());
        Map<String, Long> live = flatten(((MongoStatisticsStore) projection.store()).allBuckets());
        List<Map<String, Object>> differences = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(live.keySet());
        for (String path : paths) {
            long want = expected.getOrDefault(path, 0L);
            long have = live.getOrDefault(path, 0L);
            if (want != have) {
                differences.add(Map.of("projection", StatisticsProjection.GROUP, "path", path, "replayed", want,
                                       "live", have));
            }
        }
        return differences;
    }

    private static Map<String, Long> flatten(Map<String, Document> buckets) {
        Map<String, Long> flat = new TreeMap<>();
        buckets.forEach((id, bucket) -> walk(id, bucket, flat));
        return flat;
    }

    private static void walk(String prefix, Document node, Map<String, Long> flat) {
        node.forEach((key, value) -> {
            if (key.equals("_id") || key.equals(BucketGuard.FIELD) || key.equals("v")) {
                return;
            }
            if (value instanceof Document child) {
                walk(prefix + "/" + key, child, flat);
            } else if (value instanceof Number number && number.longValue() != 0) {
                flat.put(prefix + "/" + key, number.longValue());
            }
        });
    }
}
