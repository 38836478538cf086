package cn.mediation.app.storage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store is marked open while in use; a clean close removes the mark, and a start that finds it (the
 * process was killed) rebuilds every secondary index from the documents, keeping each index's keys and options.
 */
class IndexRebuildTest {

    private static MongoConnection open(Path directory) {
        return new MongoConfiguration().mongoConnection("", "rebuild", 0, directory.toString(), Duration.ofSeconds(5),
                                                        Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private static List<Document> indexes(MongoCollection<Document> collection) {
        List<Document> indexes = new ArrayList<>();
        collection.listIndexes().forEach(index -> indexes.add(
                new Document("name", index.getString("name")).append("key", index.get("key"))
                                                            .append("unique", index.getBoolean("unique", false))));
        return indexes;
    }

    @Test
    void aStartAfterAnUncleanStopRebuildsTheSecondaryIndexes(@TempDir Path directory) throws Exception {
        List<Document> before;
        try (MongoConnection first = open(directory)) {
            MongoCollection<Document> buckets = first.database().getCollection("buckets");
            buckets.createIndex(Indexes.ascending("_id", "v"), new IndexOptions().unique(true).name("id_version"));
            for (int i = 0; i < 50; i++) {
                buckets.insertOne(new Document("_id", "b" + i).append("v", (long) i));
            }
            before = indexes(buckets);
            assertThat(new IndexRebuild(directory).uncleanStop()).as("marked open while in use").isTrue();
        }
        assertThat(new IndexRebuild(directory).uncleanStop()).as("after a clean close").isFalse();

        // a killed process leaves the mark behind
        Files.writeString(directory.resolve("mediation.open"), "in use");
        try (MongoConnection second = open(directory)) {
            MongoCollection<Document> buckets = second.database().getCollection("buckets");
            assertThat(indexes(buckets)).containsExactlyInAnyOrderElementsOf(before);
            assertThat(buckets.updateOne(new Document("_id", "b7").append("v", 7L),
                                         new Document("$set", new Document("v", 8L))).getModifiedCount())
                    .as("a compare-and-set through the rebuilt index").isEqualTo(1);
            assertThat(buckets.updateOne(new Document("_id", "b7").append("v", 7L),
                                         new Document("$set", new Document("v", 9L))).getModifiedCount())
                    .as("the same compare-and-set again").isZero();
        }
    }

    @Test
    void theRebuildCountsTheIndexesItMadeAgain(@TempDir Path directory) throws Exception {
        try (MongoConnection first = open(directory)) {
            MongoCollection<Document> facts = first.database().getCollection("facts");
            facts.createIndex(Indexes.ascending("_id", "seq"), new IndexOptions().unique(true).name("id_seq"));
            facts.insertOne(new Document("_id", "d1").append("seq", 3L));
            IndexRebuild rebuild = new IndexRebuild(directory);
            assertThat(rebuild.rebuildIfNeededAndOpen(first.client())).as("the store was marked open at start")
                                                                     .isEqualTo(1);
            assertThat(facts.find(new Document("_id", "d1").append("seq", 3L)).first()).isNotNull();
        }
    }
}
