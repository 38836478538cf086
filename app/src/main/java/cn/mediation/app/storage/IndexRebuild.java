package cn.mediation.app.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded server keeps each index of a collection in an H2 map of its own, and H2 commits in the background
 * too: a process killed between a document's write and its index's write can leave an index that disagrees with its
 * documents, which turns a compare-and-set on {@code (_id, v)} or {@code (_id, seq)} into one that never matches. So
 * the store is marked open while in use ({@code mediation.open} next to the H2 file, removed by a clean close); a
 * start that finds the mark rebuilds every secondary index from the documents.
 */
final class IndexRebuild {

    private static final Logger log = LoggerFactory.getLogger(IndexRebuild.class);

    private final Path mark;

    IndexRebuild(Path directory) {
        this.mark = directory.resolve("mediation.open");
    }

    /** Whether the store was in use and not closed cleanly when this process started. */
    boolean uncleanStop() {
        return Files.exists(mark);
    }

    /** Rebuilds the secondary indexes if the last stop was unclean, then marks the store open; returns how many. */
    int rebuildIfNeededAndOpen(MongoClient client) {
        int rebuilt = 0;
        if (uncleanStop()) {
            long started = System.nanoTime();
            int collections = 0;
            for (String name : client.listDatabaseNames()) {
                MongoDatabase database = client.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    int count = rebuild(database.getCollection(collection));
                    rebuilt += count;
                    collections += count > 0 ? 1 : 0;
                }
            }
            log.warn("The embedded MongoDB was not closed cleanly: rebuilt {} secondary index(es) of {} collection(s) "
                             + "from their documents in {} ms", rebuilt, collections,
                     (System.nanoTime() - started) / 1_000_000);
        }
        try {
            Files.writeString(mark, "in use; removed when the store is closed cleanly\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark the store open: " + mark, e);
        }
        return rebuilt;
    }

    private static int rebuild(MongoCollection<Document> collection) {
        List<Document> indexes = new ArrayList<>();
        for (Document index : collection.listIndexes()) {
            if (!"_id_".equals(index.getString("name"))) {
                indexes.add(index);
            }
        }
        for (Document index : indexes) {
            collection.dropIndex(index.getString("name"));
            collection.createIndex(index.get("key", Document.class),
                                   new IndexOptions().name(index.getString("name"))
                                                     .unique(index.getBoolean("unique", false))
                                                     .sparse(index.getBoolean("sparse", false)));
        }
        return indexes.size();
    }

    /** After a clean close: the next start needs no rebuild. */
    void closed() {
        try {
            Files.deleteIfExists(mark);
        } catch (IOException e) {
            log.warn("Cannot remove {}: the next start will rebuild the indexes", mark);
        }
    }
}
