package cn.mediation.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The {@code _id} index: the documents themselves, keyed by their {@code _id}, so it has no entries of its own and
 * costs no write.
 */
final class IdIndex extends Index<Object> {

    private final OrderedStore store;
    private final byte[] documents;
    private final byte[] countKey;

    IdIndex(String name, List<IndexKey> keys, OrderedStore store, int collectionId) {
        super(name, keys, false);
        this.store = store;
        this.documents = Layout.prefixed(Layout.DOCUMENTS, collectionId);
        this.countKey = Layout.prefixed(Layout.COUNT, collectionId);
    }

    private boolean exists(Object id) {
        return store.get(KeyCodec.concat(documents, KeyCodec.encode(id))) != null;
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public Object getPosition(Document document) {
        Object id = Utils.getSubdocumentValue(document, "_id");
        return exists(id) ? id : null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        Object id = Utils.getSubdocumentValue(document, "_id");
        if (exists(id)) {
            throw new DuplicateKeyError(this, collection, getKeys(), new KeyValue(id));
        }
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        // the document's own key is the entry
    }

    @Override
    public Object remove(Document document) {
        return getPosition(document);
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // an _id never changes
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        // an _id never changes
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("The collection asks plan() instead");
    }

    @Override
    public long getCount() {
        return Layout.readLong(store.get(countKey));
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        // nothing of its own
    }

    /** Equality or {@code $in} on {@code _id}: the documents are read by their keys. */
    StoreIndex.Plan plan(Document query) {
        if (!query.containsKey("_id")) {
            return null;
        }
        Object condition = query.get("_id");
        List<Object> ids = new ArrayList<>();
        if (condition instanceof Document document) {
            if (document.size() == 1 && document.containsKey("$eq") && !(document.get("$eq") instanceof Document)) {
                ids.add(document.get("$eq"));
            } else if (document.size() == 1 && document.get("$in") instanceof Collection<?> in
                       && in.stream().noneMatch(v -> v instanceof Document || v instanceof Collection<?>
                                                     || v == null || v instanceof java.util.regex.Pattern
                                                     || v instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression)) {
                ids.addAll(in);
            } else {
                return null;
            }
        } else if (condition == null || condition instanceof Collection<?>
                   || condition instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression) {
            return null;
        } else {
            ids.add(condition);
        }
        return new StoreIndex.Plan(2000, ids.stream().distinct().filter(Objects::nonNull).filter(this::exists));
    }
}
