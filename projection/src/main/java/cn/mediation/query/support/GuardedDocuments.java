package cn.mediation.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.MongoWriteException;
import org.bson.Document;

import java.util.function.UnaryOperator;

/**
 * Idempotent read-model writes. Each document carries {@code seq}, the position of the last event applied to it;
 * an event at or below that position has been applied already and changes nothing. The write is a compare-and-set
 * on {@code _id} and the old {@code seq}, so a redelivered event can never be counted twice, and every read and
 * write is a keyed lookup.
 */
public final class GuardedDocuments {

    private GuardedDocuments() {
    }

    /**
     * The unique index on {@code (_id, seq)}: the compare-and-set filter names exactly these keys, which is what the
     * embedded server needs to find a document by index rather than by scanning.
     */
    public static void ensureIndex(MongoCollection<Document> collection) {
        collection.createIndex(com.mongodb.client.model.Indexes.ascending("_id", "seq"),
                               new com.mongodb.client.model.IndexOptions().unique(true).name("id_seq"));
    }

    /**
     * Applies {@code change} to the document {@code id} unless it has seen position {@code seq}; returns whether it
     * changed. {@code change} gets the current document (a new one with only {@code _id} when absent). A
     * compare-and-set lost to another writer is tried again on that writer's document, never reported as applied.
     */
    public static boolean apply(MongoCollection<Document> collection, Object id, long seq,
                                UnaryOperator<Document> change) {
        Document current = collection.find(new Document("_id", id)).first();
        long seen = current == null ? -1 : ((Number) current.get("seq")).longValue();
        if (seq <= seen) {
            return false;
        }
        Document next = change.apply(current == null ? new Document("_id", id) : new Document(current));
        next.put("_id", id);
        next.put("seq", seq);
        if (current == null) {
            try {
                collection.insertOne(next);
            } catch (MongoWriteException e) {
                return apply(collection, id, seq, change);
            }
        } else if (collection.replaceOne(new Document("_id", id).append("seq", seen), next).getMatchedCount() == 0) {
            // another writer changed the document since it was read: work from what it wrote
            return apply(collection, id, seq, change);
        }
        return true;
    }
}
