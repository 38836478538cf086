package cn.mediation.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A secondary index of the store, unique or not: one entry per key value of a document (several for an array: a
 * multikey index), whose key is the index id and the encoded value, followed by the encoded position when the index
 * is not unique; the value is the position as BSON. Written in the same transaction as its document.
 */
final class StoreIndex extends Index<Object> {

    /** How far an index narrows a query, and the positions it gives (a superset of the matches). */
    record Plan(int score, Stream<Object> positions) {
    }

    private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");
    private static final int MAX_POINTS = 1000;

    private final OrderedStore store;
    private final boolean unique;
    private final byte[] prefix;
    private final byte[] multikeyKey;
    private volatile boolean multikey;

    StoreIndex(String name, List<IndexKey> keys, boolean sparse, boolean unique, OrderedStore store, int id) {
        super(name, keys, sparse);
        this.store = store;
        this.unique = unique;
        this.prefix = Layout.prefixed(Layout.INDEX_ENTRIES, id);
        this.multikeyKey = Layout.prefixed(Layout.MULTIKEY, id);
        this.multikey = store.get(multikeyKey) != null;
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    private boolean skips(Document document) {
        return isSparse() && keys().stream().allMatch(key -> Utils.getSubdocumentValue(document, key) instanceof Missing);
    }

    private byte[] entryKey(KeyValue value, Object position) {
        byte[] key = KeyCodec.concat(prefix, KeyCodec.encode(value));
        return unique ? key : KeyCodec.concat(key, KeyCodec.encode(position));
    }

    private static Object positionOf(Document document) {
        return Utils.getSubdocumentValue(document, "_id");
    }

    @Override
    public Object getPosition(Document document) {
        if (!unique) {
            return positionOf(document);
        }
        for (KeyValue value : getKeyValues(document)) {
            byte[] stored = store.get(entryKey(value, null));
            if (stored != null) {
                return Layout.readPosition(stored);
            }
        }
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        if (!unique || skips(document)) {
            return;
        }
        for (KeyValue value : getKeyValues(document)) {
            if (store.get(entryKey(value, null)) != null) {
                throw new DuplicateKeyError(this, collection, getKeys(), value);
            }
        }
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        checkAdd(document, collection);
        if (skips(document)) {
            return;
        }
        Set<KeyValue> values = getKeyValues(document);
        if (!multikey && (values.size() > 1 || keys().stream().anyMatch(
                key -> Utils.getSubdocumentValueCollectionAware(document, key) instanceof Collection<?>))) {
            multikey = true;
            store.put(multikeyKey, new byte[] {1});
        }
        byte[] stored = Layout.position(position);
        for (KeyValue value : values) {
            store.put(entryKey(value, position), stored);
        }
    }

    @Override
    public Object remove(Document document) {
        if (skips(document)) {
            return null;
        }
        Object position = unique ? null : positionOf(document);
        for (KeyValue value : getKeyValues(document)) {
            byte[] key = entryKey(value, position);
            byte[] stored = store.get(key);
            if (stored != null) {
                store.delete(key);
                if (position == null) {
                    position = Layout.readPosition(stored);
                }
            }
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        if (!unique || nullAwareEqualsKeys(oldDocument, newDocument) || skips(newDocument)) {
            return;
        }
        Object oldPosition = positionOf(oldDocument);
        for (KeyValue value : getKeyValues(newDocument)) {
            byte[] stored = store.get(entryKey(value, null));
            if (stored != null && !Objects.equals(Layout.readPosition(stored), oldPosition)) {
                throw new DuplicateKeyError(this, collection, getKeys(), value);
            }
        }
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // the collection asks plan() instead
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("The collection asks plan() instead");
    }

    @Override
    public long getCount() {
        return Scan.prefix(store, prefix).count();
    }

    @Override
    public boolean isEmpty() {
        return store.scan(prefix, KeyCodec.successor(prefix), 1).isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        StoreCollection.deletePrefix(store, prefix);
        store.delete(multikeyKey);
    }

    /**
     * What this index can do for a query: equality (a value or {@code $eq}) or {@code $in} on a prefix of its keys,
     * then at most one range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} within one type bracket: numbers,
     * strings or dates) on the next key. Null when it cannot narrow the query.
     */
    Plan plan(Document query) {
        List<byte[]> points = new ArrayList<>();
        points.add(prefix);
        int equalities = 0;
        byte[][] range = null;
        for (String key : keys()) {
            if (!query.containsKey(key)) {
                break;
            }
            List<Object> values = equalityValues(query.get(key));
            if (values != null) {
                if ((long) points.size() * values.size() > MAX_POINTS) {
                    break;
                }
                List<byte[]> extended = new ArrayList<>();
                for (byte[] point : points) {
                    for (Object value : values) {
                        extended.add(KeyCodec.concat(point, KeyCodec.encode(value)));
                    }
                }
                points = extended;
                equalities++;
                continue;
            }
            if (points.size() == 1) {
                range = range(points.get(0), query.get(key));
            }
            break;
        }
        if (equalities == 0 && range == null) {
            return null;
        }
        if (range != null) {
            byte[][] bounds = range;
            return new Plan(equalities * 2 + 1, Scan.range(store, bounds[0], bounds[1])
                    .map(entry -> Layout.readPosition(entry.value())).distinct());
        }
        boolean exact = unique && equalities == keys().size();
        Stream<Object> positions = exact
                ? points.stream().map(store::get).filter(Objects::nonNull).map(Layout::readPosition)
                : points.stream().flatMap(point -> Scan.prefix(store, point))
                        .map(entry -> Layout.readPosition(entry.value())).distinct();
        return new Plan(exact ? 1000 : equalities * 2, positions);
    }

    /** The values a condition asks equality with, or null when it is not an equality the index can serve. */
    private static List<Object> equalityValues(Object condition) {
        if (isPoint(condition)) {
            return List.of(condition);
        }
        if (condition instanceof Document document && document.size() == 1) {
            Object eq = document.get("$eq");
            if (isPoint(eq)) {
                return List.of(eq);
            }
            if (document.get("$in") instanceof Collection<?> in && !in.isEmpty()
                    && in.stream().allMatch(StoreIndex::isPoint)) {
                return new ArrayList<>(in);
            }
        }
        return null;
    }

    private static boolean isPoint(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Instant
               || value instanceof Date || value instanceof ObjectId || value instanceof UUID
               || value instanceof BinData
               || (value instanceof Number number && !Double.isNaN(number.doubleValue()));
    }

    /** [from, to) for a range condition within one type bracket on the key after {@code point}, or null. */
    private byte[][] range(byte[] point, Object condition) {
        if (!(condition instanceof Document document) || document.isEmpty()
                || !RANGE_OPERATORS.containsAll(document.keySet())) {
            return null;
        }
        int bracket = -1;
        for (Object bound : document.values()) {
            int b = KeyCodec.bracket(bound);
            if (b < 0 || (bracket >= 0 && b != bracket)
                    || (bound instanceof Number n && Double.isNaN(n.doubleValue()))) {
                return null;
            }
            bracket = b;
        }
        if (multikey && document.size() > 1) {
            // elements of an array may meet each bound separately: only one bound narrows safely
            document = new Document(Map.of(document.keySet().iterator().next(),
                                            document.values().iterator().next()));
        }
        byte[] from = KeyCodec.concat(point, new byte[] {(byte) bracket});
        byte[] to = KeyCodec.concat(point, new byte[] {(byte) (bracket + 1)});
        for (Map.Entry<String, Object> bound : document.entrySet()) {
            byte[] at = KeyCodec.concat(point, KeyCodec.encode(bound.getValue()));
            switch (bound.getKey()) {
                case "$gt" -> from = max(from, KeyCodec.successor(at));
                case "$gte" -> from = max(from, at);
                case "$lt" -> to = min(to, at);
                case "$lte" -> to = min(to, KeyCodec.successor(at));
                default -> {
                    return null;
                }
            }
        }
        return new byte[][] {from, to};
    }

    private static byte[] max(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
