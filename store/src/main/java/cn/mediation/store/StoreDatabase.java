package cn.mediation.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.oplog.Oplog;

import java.util.List;

/** A database of the store: its collections and indexes are entries of the {@link Catalog}. */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    private final OrderedStore store;
    private final Catalog catalog;

    StoreDatabase(String databaseName, OrderedStore store, Catalog catalog, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.store = store;
        this.catalog = catalog;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        int id = catalog.collectionId(getFullCollectionNamespace(collectionName));
        return new StoreCollection(this, collectionName, options, cursorRegistry, store, id);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        int collectionId = catalog.collectionId(getFullCollectionNamespace(collectionName));
        if (keys.size() == 1 && keys.get(0).getKey().equals("_id")) {
            return new IdIndex(indexName, keys, store, collectionId);
        }
        return new StoreIndex(indexName, keys, sparse, true, store, catalog.indexId(collectionId, indexName));
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        int collectionId = catalog.collectionId(getFullCollectionNamespace(collectionName));
        return new StoreIndex(indexName, keys, sparse, false, store, catalog.indexId(collectionId, indexName));
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        catalog.forgetIndex(((StoreCollection) collection).id(), indexName);
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        super.dropCollection(collectionName, oplog);
        if (collection instanceof StoreCollection stored) {
            stored.purge();
        }
        catalog.forgetCollection(getFullCollectionNamespace(collectionName));
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        for (String namespace : catalog.namespaces(getDatabaseName())) {
            int id = catalog.collectionId(namespace);
            StoreCollection.purge(store, id);
            catalog.forgetCollection(namespace);
        }
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldNamespace = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        catalog.rename(oldNamespace, getFullCollectionNamespace(newCollectionName));
    }

    @Override
    protected long getStorageSize() {
        return store.sizeOnDisk();
    }

    @Override
    protected long getFileSize() {
        return store.sizeOnDisk();
    }
}
