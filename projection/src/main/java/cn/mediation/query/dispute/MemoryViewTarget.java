package cn.mediation.query.dispute;

import org.bson.Document;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Dispute views in memory, for folding one case's events up to an instant. */
final class MemoryViewTarget implements ViewTarget {

    private final Map<String, Document> views = new HashMap<>();

    @Override
    public void apply(String id, long seq, UnaryOperator<Document> change) {
        Document current = views.get(id);
        if (current != null && current.getLong("seq") >= seq) {
            return;
        }
        Document next = change.apply(current == null ? new Document("_id", id) : new Document(current));
        next.put("_id", id);
        next.put("seq", seq);
        views.put(id, next);
    }

    Document get(String id) {
        return views.get(id);
    }

    @Override
    public void clear() {
        views.clear();
    }
}
