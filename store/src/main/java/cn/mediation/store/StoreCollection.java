package cn.mediation.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A collection of the store: each document under its collection's prefix and the key of its position (its
 * {@code _id}), as BSON; the number of documents kept beside them in the same transactions. A query is answered from
 * the index that narrows it most ({@link StoreIndex#plan}), else by reading the collection in key order.
 */
final class StoreCollection extends AbstractSynchronizedMongoCollection<Object> {

    private final OrderedStore store;
    private final int id;
    private final byte[] documents;
    private final byte[] countKey;

    StoreCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                    CursorRegistry cursorRegistry, OrderedStore store, int id) {
        super(database, collectionName, options, cursorRegistry);
        this.store = store;
        this.id = id;
        this.documents = Layout.prefixed(Layout.DOCUMENTS, id);
        this.countKey = Layout.prefixed(Layout.COUNT, id);
    }

    int id() {
        return id;
    }

    private byte[] documentKey(Object position) {
        return KeyCodec.concat(documents, KeyCodec.encode(position));
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object position = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField())
                                               : UUID.randomUUID().toString();
        store.put(documentKey(position), Layout.bson(document));
        store.put(countKey, Layout.longValue(count() + 1L));
        return position;
    }

    @Override
    protected void removeDocument(Object position) {
        byte[] key = documentKey(position);
        if (store.get(key) != null) {
            store.delete(key);
            store.put(countKey, Layout.longValue(Math.max(0, count() - 1L)));
        }
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        store.put(documentKey(position), Layout.bson(newDocument));
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bson = store.get(documentKey(position));
        return bson == null ? null : Layout.document(bson);
    }

    @Override
    public int count() {
        return (int) Layout.readLong(store.get(countKey));
    }

    @Override
    public boolean isEmpty() {
        return count() == 0;
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        // not kept: the engine's size on disk is reported instead
    }

    @Override
    protected int getDataSize() {
        return 0;
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return Scan.prefix(store, documents).map(entry -> {
            Document document = Layout.document(entry.value());
            Object position = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField())
                                                   : KeyCodec.decodeString(entry.key(), documents.length);
            return new DocumentWithPosition<>(document, position);
        });
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> all = Scan.prefix(store, documents).map(entry -> Layout.document(entry.value()));
        if (isNaturalDescending(orderBy)) {
            List<Document> reversed = all.collect(Collectors.toCollection(ArrayList::new));
            Collections.reverse(reversed);
            all = reversed.stream();
        }
        return matchDocumentsFromStream(all, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                                         int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> found = StreamSupport.stream(positions.spliterator(), false)
                                              .map(this::getDocument)
                                              .filter(Objects::nonNull);
        return matchDocumentsFromStream(found, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Iterable<Object> positions = plan(query);
        if (positions != null) {
            return matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The positions an index gives for the query (a superset of its matches), or null to read everything. */
    private Iterable<Object> plan(Document query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        StoreIndex.Plan best = null;
        for (Index<Object> index : getIndexes()) {
            StoreIndex.Plan plan = null;
            if (index instanceof IdIndex ids) {
                plan = ids.plan(query);
            } else if (index instanceof StoreIndex stored) {
                plan = stored.plan(query);
            }
            if (plan != null && (best == null || plan.score() > best.score())) {
                best = plan;
            }
        }
        if (best == null) {
            return null;
        }
        StoreIndex.Plan chosen = best;
        return () -> chosen.positions().iterator();
    }

    /** Deletes the collection's documents, count and every index of it with its entries. */
    void purge() {
        purge(store, id);
    }

    static void purge(OrderedStore store, int id) {
        deletePrefix(store, Layout.prefixed(Layout.DOCUMENTS, id));
        store.delete(Layout.prefixed(Layout.COUNT, id));
        byte[] indexes = Layout.prefixed(Layout.INDEXES, id);
        for (OrderedStore.Entry index : Scan.prefix(store, indexes).collect(Collectors.toList())) {
            int indexId = Layout.readId(index.value());
            deletePrefix(store, Layout.prefixed(Layout.INDEX_ENTRIES, indexId));
            store.delete(Layout.prefixed(Layout.MULTIKEY, indexId));
            store.delete(index.key());
        }
    }

    static void deletePrefix(OrderedStore store, byte[] prefix) {
        List<OrderedStore.Entry> entries;
        do {
            entries = store.scan(prefix, KeyCodec.successor(prefix), 1000);
            for (OrderedStore.Entry entry : entries) {
                store.delete(entry.key());
            }
        } while (!entries.isEmpty());
    }
}
