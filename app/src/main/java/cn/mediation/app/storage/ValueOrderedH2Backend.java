package cn.mediation.app.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * mongo-java-server's H2 backend with its indexes ordered by value.
 * <p>
 * The stock backend keeps each index in an H2 map whose keys ({@code KeyValue}, not {@code Comparable}) H2 can only
 * order by their Java serialization: every comparison of a B-tree search serializes both keys, and an index lookup
 * makes about twenty. In a profile of the projections' replay that was a third of the store's CPU time. Here the keys
 * are compared value by value (MongoDB's order, then the type, for values that order equal but differ), and stored as
 * before. An index written in the stock order is rebuilt from its collection's documents when it is first opened
 * here (a map opened with one order must never be read with the other), and marked as rebuilt only once it is whole,
 * so a stop during the rebuild rebuilds it again at the next start. The documents themselves are untouched.
 */
public class ValueOrderedH2Backend extends H2Backend {

    /**
     * The index maps already in value order (map name → 1); '$' keeps the name apart from every database's maps
     * (a database name cannot hold it).
     */
    static final String ORDERED_INDEXES = "$value-ordered-indexes";
    /** The stock backend's name of a collection's map of documents by position. */
    private static final String DATA_PREFIX = "databases.";
    private static final Logger log = LoggerFactory.getLogger(ValueOrderedH2Backend.class);

    public ValueOrderedH2Backend(MVStore store) {
        super(store);
    }

    public static ValueOrderedH2Backend inMemory() {
        return new ValueOrderedH2Backend(MVStore.open(null));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    private final class Database extends H2Database {

        Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // called from the super constructor too: only the backend's own state may be used here
            MVStore store = getMvStore();
            String name = indexMap(collectionName, indexName);
            MVMap<String, Integer> ordered = store.openMap(ORDERED_INDEXES);
            boolean stockOrder = store.hasMap(name) && !ordered.containsKey(name);
            if (stockOrder) {
                store.removeMap(name);
            }
            MVMap<KeyValue, Object> map = store.openMap(name, new MVMap.Builder<KeyValue, Object>()
                    .keyType(new KeyValueType()));
            UniqueIndex index = new UniqueIndex(map, indexName, keys, sparse);
            if (stockOrder) {
                // the collection is open already (its map keyed by position); its index is filled again from it
                MVMap<Object, Document> documents = store.openMap(DATA_PREFIX + getFullCollectionNamespace(collectionName));
                documents.forEach((position, document) -> index.add(document, position, null));
                log.info("Index {} rebuilt in value order ({} keys)", name, map.sizeAsLong());
            }
            // after the rebuild: a store committed in between still reads as stock order and is rebuilt again
            ordered.put(name, 1);
            return index;
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().<String, Integer>openMap(ORDERED_INDEXES)
                        .remove(indexMap(collection.getCollectionName(), indexName));
        }

        /** The stock backend's name of an index's map. */
        private String indexMap(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }
    }

    /** A unique index on a value-ordered map. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {
        private final MVMap<KeyValue, Object> map;

        UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /** Index keys compared by value, written and read as H2 writes any object (the stock format). */
    static final class KeyValueType extends BasicDataType<KeyValue> {
        private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
        private final ObjectDataType objects = new ObjectDataType();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int size = Math.min(a.size(), b.size());
            for (int i = 0; i < size; i++) {
                int order = compareValues(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        static int compareValues(Object a, Object b) {
            if (Objects.equals(a, b)) {
                return 0;
            }
            int order = VALUES.compare(a, b);
            if (order != 0) {
                return order;
            }
            // equal in MongoDB's order but not the same key (e.g. 1 and 1.0 if ever not normalized): any fixed order
            order = String.valueOf(a == null ? null : a.getClass().getName())
                          .compareTo(String.valueOf(b == null ? null : b.getClass().getName()));
            return order != 0 ? order : String.valueOf(a).compareTo(String.valueOf(b));
        }

        @Override
        public int getMemory(KeyValue key) {
            return objects.getMemory(key);
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            objects.write(buffer, key);
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            return (KeyValue) objects.read(buffer);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }
}
