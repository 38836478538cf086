package cn.mediation.app.storage;

import cn.mediation.store.StoreBackend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves a data folder written by the earlier embedded backend (one H2 file, {@code mediation.mv.db}) into the store,
 * at the first start of this version: every database, collection, index and document, read and written through the
 * driver (two embedded servers side by side, each on a private socket), streaming in batches, with progress in the log. It writes into
 * {@code store.migrating} and renames that to {@code store} only once every collection's count matched, so a stop
 * half-way starts the migration over at the next start. The H2 file is left where it was, for its owner to delete.
 */
public final class H2Migration {

    static final String H2_FILE = "mediation.mv.db";
    private static final Logger log = LoggerFactory.getLogger(H2Migration.class);
    private static final int BATCH = 1000;

    private H2Migration() {
    }

    /** Migrates {@code directory}'s H2 file into {@code store} unless there is none or the store exists already. */
    public static void migrateIfNeeded(Path directory, Path store, StoreBackend.Engine engine) {
        Path h2 = directory.resolve(H2_FILE);
        if (!Files.exists(h2) || Files.exists(store)) {
            return;
        }
        Path partial = store.resolveSibling(store.getFileName() + ".migrating");
        long started = System.nanoTime();
        log.info("Migrating the embedded store from {} to {} (the H2 file is kept)", h2, store);
        try {
            deleteRecursively(partial);
            long documents = copy(h2, partial, engine);
            Files.move(partial, store, StandardCopyOption.ATOMIC_MOVE);
            log.info("Migrated {} document(s) from {} in {} s; delete that file once the audit verification of the "
                     + "migrated store is clean", documents, h2, (System.nanoTime() - started) / 1_000_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("The migration from " + h2 + " failed", e);
        }
    }

    /** Copies through two servers on Unix domain sockets in a folder private to this user (no port opens). */
    private static long copy(Path h2, Path target, StoreBackend.Engine engine) throws IOException {
        Path sockets = Files.createTempDirectory("mediation-migration");
        ValueOrderedH2Backend from = new ValueOrderedH2Backend(MVStore.open(h2.toString()));
        StoreBackend to = StoreBackend.open(engine, target, StoreBackend.Durability.PROCESS);
        DomainSocketServer source = DomainSocketServer.bind(from, sockets.resolve("h2.sock"));
        DomainSocketServer destination = DomainSocketServer.bind(to, sockets.resolve("store.sock"));
        long copied = 0;
        try (MongoClient reader = MongoClients.create(source.clientSettings().build());
             MongoClient writer = MongoClients.create(destination.clientSettings().build())) {
            for (String name : reader.listDatabaseNames()) {
                if (List.of("admin", "local", "config").contains(name)) {
                    continue;
                }
                MongoDatabase in = reader.getDatabase(name);
                MongoDatabase out = writer.getDatabase(name);
                for (String collection : in.listCollectionNames()) {
                    if (!collection.startsWith("system.")) {
                        copied += copyCollection(in, out, collection);
                    }
                }
            }
            to.sync();
        } finally {
            source.close();
            destination.close();
            from.close();
            to.close();
            deleteRecursively(sockets);
        }
        return copied;
    }

    private static long copyCollection(MongoDatabase in, MongoDatabase out, String name) {
        MongoCollection<RawBsonDocument> source = in.getCollection(name, RawBsonDocument.class);
        MongoCollection<RawBsonDocument> target = out.getCollection(name, RawBsonDocument.class);
        out.createCollection(name);
        for (Document index : in.getCollection(name).listIndexes()) {
            if (!"_id_".equals(index.getString("name"))) {
                target.createIndex(index.get("key", Document.class),
                                   new IndexOptions().name(index.getString("name"))
                                                     .unique(index.getBoolean("unique", false))
                                                     .sparse(index.getBoolean("sparse", false)));
            }
        }
        long copied = 0;
        List<RawBsonDocument> batch = new ArrayList<>(BATCH);
        for (RawBsonDocument document : source.find().batchSize(BATCH)) {
            batch.add(document);
            if (batch.size() == BATCH) {
                target.insertMany(batch);
                copied += batch.size();
                batch.clear();
                if (copied % 50_000 == 0) {
                    log.info("Migrating {}.{}: {} document(s) so far", in.getName(), name, copied);
                }
            }
        }
        if (!batch.isEmpty()) {
            target.insertMany(batch);
            copied += batch.size();
        }
        // the collections' own counts: countDocuments() aggregates, which the embedded server does in memory
        long expected = source.estimatedDocumentCount();
        long found = target.estimatedDocumentCount();
        if (found != expected || copied != expected) {
            throw new IllegalStateException("Migrating " + in.getName() + "." + name + ": " + expected
                                            + " document(s) in the H2 file, " + found + " in the store");
        }
        return copied;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
