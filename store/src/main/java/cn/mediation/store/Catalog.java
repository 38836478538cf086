package cn.mediation.store;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The ids of collections (by namespace) and of indexes (by collection and name), kept in the store. */
final class Catalog {

    private final OrderedStore store;

    Catalog(OrderedStore store) {
        this.store = store;
    }

    Set<String> databaseNames() {
        Set<String> names = new LinkedHashSet<>();
        byte[] from = {Layout.COLLECTIONS};
        byte[] to = {Layout.COLLECTIONS + 1};
        List<OrderedStore.Entry> entries;
        do {
            entries = store.scan(from, to, 1000);
            for (OrderedStore.Entry entry : entries) {
                String namespace = Layout.namespaceOf(entry.key());
                names.add(namespace.substring(0, namespace.indexOf('.')));
                from = KeyCodec.concat(entry.key(), new byte[] {0});
            }
        } while (entries.size() == 1000);
        return names;
    }

    /** The id of a collection, given out now if it has none (within the open transaction). */
    int collectionId(String namespace) {
        return idAt(Layout.namespaceKey(namespace));
    }

    /** The id of a collection's index, given out now if it has none (within the open transaction). */
    int indexId(int collectionId, String indexName) {
        return idAt(Layout.indexKey(collectionId, indexName));
    }

    private int idAt(byte[] key) {
        byte[] id = store.get(key);
        if (id != null) {
            return Layout.readId(id);
        }
        int next = nextId();
        store.put(key, Layout.id(next));
        return next;
    }

    void forgetIndex(int collectionId, String indexName) {
        store.delete(Layout.indexKey(collectionId, indexName));
    }

    void forgetCollection(String namespace) {
        store.delete(Layout.namespaceKey(namespace));
    }

    void rename(String namespace, String newNamespace) {
        byte[] id = store.get(Layout.namespaceKey(namespace));
        if (id != null) {
            store.delete(Layout.namespaceKey(namespace));
            store.put(Layout.namespaceKey(newNamespace), id);
        }
    }

    /** Namespaces of a database (those beginning with {@code database.}). */
    List<String> namespaces(String database) {
        byte[] prefix = Layout.namespaceKey(database + ".");
        List<String> found = new java.util.ArrayList<>();
        byte[] from = prefix;
        byte[] to = KeyCodec.successor(prefix);
        List<OrderedStore.Entry> entries;
        do {
            entries = store.scan(from, to, 1000);
            for (OrderedStore.Entry entry : entries) {
                found.add(Layout.namespaceOf(entry.key()));
                from = KeyCodec.concat(entry.key(), new byte[] {0});
            }
        } while (entries.size() == 1000);
        return found;
    }

    private int nextId() {
        byte[] key = {Layout.LAST_ID};
        int next = store.get(key) == null ? 1 : Layout.readId(store.get(key)) + 1;
        store.put(key, Layout.id(next));
        return next;
    }

    static String namespace(String database, String collection) {
        return database + "." + collection;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
