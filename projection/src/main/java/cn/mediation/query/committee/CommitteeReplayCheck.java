package cn.mediation.query.committee;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The committees' read model replayed from the log and compared with the live one, field by field: the roster the
 * official report counts (kinds, trades, days of establishment, appointment and removal, full-time flags). The
 * replay runs the projection's own handlers into scratch collections, dropped on {@link #close()}.
 */
public final class CommitteeReplayCheck implements AutoCloseable {

    /** Ids and region codes are text. */
    private static final Comparator<Object> BY_TEXT = Comparator.comparing(String::valueOf);

    private final MongoCollection<Document> liveCommittees;
    private final MongoCollection<Document> liveIndex;
    private final ScratchRoster roster;

    public CommitteeReplayCheck(MongoDatabase database) {
        this.liveCommittees = database.getCollection(CommitteeProjection.COMMITTEES);
        this.liveIndex = database.getCollection(CommitteeProjection.INDEX);
        this.roster = new ScratchRoster(database);
    }

    /** Applies one event of the log, in the log's order. */
    public void apply(Object payload, long seq) {
        roster.apply(payload, seq);
    }

    /**
     * Every field of a committee, and every region's list of committees, whose live value is not the replayed one:
     * {@code projection}, {@code path} (the committee's region code first, so that a caller sees its own area's),
     * {@code replayed}, {@code live}, and for a committee's field its {@code committee} name and the {@code field}.
     */
    public List<Map<String, Object>> differences() {
        List<Map<String, Object>> differences = new ArrayList<>();
        Map<Object, Document> replayed = byId(roster.projection().committees());
        Map<Object, Document> current = byId(liveCommittees);
        for (Object id : union(replayed, current)) {
            Document want = replayed.getOrDefault(id, new Document());
            Document have = current.getOrDefault(id, new Document());
            Object region = want.get("regionCode") != null ? want.get("regionCode") : have.get("regionCode");
            Set<String> keys = new TreeSet<>(want.keySet());
            keys.addAll(have.keySet());
            keys.removeAll(Set.of("_id", "seq"));
            Object name = want.get("name") != null ? want.get("name") : have.get("name");
            for (String key : keys) {
                if (!Objects.equals(want.get(key), have.get(key))) {
                    Map<String, Object> difference = difference(region + "/committee " + id + "/" + key,
                                                                want.get(key), have.get(key));
                    difference.put("committee", name);
                    difference.put("field", key);
                    differences.add(difference);
                }
            }
        }
        Map<Object, Document> replayedIndex = byId(roster.projection().index());
        Map<Object, Document> currentIndex = byId(liveIndex);
        for (Object region : union(replayedIndex, currentIndex)) {
            Set<String> want = committeeIds(replayedIndex.get(region));
            Set<String> have = committeeIds(currentIndex.get(region));
            if (!want.equals(have)) {
                differences.add(difference(region + "/committees", new TreeSet<>(want), new TreeSet<>(have)));
            }
        }
        return differences;
    }

    @Override
    public void close() {
        roster.close();
    }

    private static Map<Object, Document> byId(MongoCollection<Document> collection) {
        Map<Object, Document> documents = new TreeMap<>(BY_TEXT);
        for (Document document : collection.find()) {
            documents.put(document.get("_id"), document);
        }
        return documents;
    }

    /** The ids of both, in the order of their text. */
    private static Set<Object> union(Map<Object, Document> one, Map<Object, Document> other) {
        Set<Object> ids = new TreeSet<>(BY_TEXT);
        ids.addAll(one.keySet());
        ids.addAll(other.keySet());
        return ids;
    }

    private static Set<String> committeeIds(Document entry) {
        return entry == null ? Set.of() : new HashSet<>(entry.getList("committeeIds", String.class, List.of()));
    }

    private static Map<String, Object> difference(String path, Object replayed, Object live) {
        Map<String, Object> difference = new LinkedHashMap<>();
        difference.put("projection", CommitteeProjection.GROUP);
        difference.put("path", path);
        difference.put("replayed", text(replayed));
        difference.put("live", text(live));
        return difference;
    }

    /** A value as the check reports it: documents and lists as JSON-like text, so that a page can show them. */
    private static Object text(Object value) {
        if (value instanceof Document document) {
            return document.toJson();
        }
        if (value instanceof java.util.Collection<?> items) {
            return items.stream().map(item -> String.valueOf(text(item))).toList().toString();
        }
        return value;
    }

}
