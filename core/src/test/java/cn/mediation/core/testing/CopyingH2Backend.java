package cn.mediation.core.testing;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The embedded server's H2 backend, made safe for concurrent clients.
 * <p>
 * The stock backend keeps the live {@code Document} objects in its maps and hands them out as query and
 * {@code findAndModify} results; the reply is encoded after the collection lock is released, while another client's
 * update may already be changing the same object in place. Under concurrency a {@code findOneAndUpdate $inc} can then
 * return the value of a later increment to two clients (seen with 8 threads: about 1 in 80 replies repeated a value),
 * which real MongoDB never does. Here every result is a deep copy taken while the collection lock is held, so replies
 * are snapshots and stored documents are replaced, never changed in place. The storage layout is the stock one: a
 * file written by either backend opens with the other.
 */
public class CopyingH2Backend extends H2Backend {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    public CopyingH2Backend(MVStore store) {
        super(store);
    }

    public static CopyingH2Backend inMemory() {
        return new CopyingH2Backend(MVStore.open(null));
    }

    /** Opens (or creates) the store in {@code fileName}. */
    public static CopyingH2Backend inFile(String fileName) {
        return new CopyingH2Backend(MVStore.open(fileName));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new CopyingDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    private final class CopyingDatabase extends H2Database {

        CopyingDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
            super(databaseName, store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> dataMap = getMvStore().openMap(DATA_PREFIX + fullName);
            MVMap<String, Object> metaMap = getMvStore().openMap(META_PREFIX + fullName);
            return new CopyingCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
        }
    }

    private static final class CopyingCollection extends H2Collection {

        CopyingCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                          MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                          CursorRegistry cursorRegistry) {
            super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        }

        @Override
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            List<Document> copies = matchedDocuments.stream().map(Document::cloneDeeply).collect(Collectors.toList());
            return super.createQueryResult(copies, batchSize);
        }
    }
}
