package cn.mediation.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store copied while it is being written (as a crash leaves it: nothing closed, the last writes only in the
 * engine's log), then with that log torn (its last bytes cut off). Opened again it recovers to a commit: every
 * document it holds is whole, its count and its unique index agree with its documents, and it takes new writes.
 */
class CrashRecoveryTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"ROCKSDB", "SQLITE"})
    void aTornLogRecoversToACommitWithIndexesInStepWithDocuments(Backends backend) throws IOException {
        Path live = directory.resolve("live");
        Path copy = directory.resolve("copy");
        int written = 300;
        try (Backends.Running running = backend.start(live)) {
            MongoCollection<Document> streams = running.client().getDatabase("db").getCollection("streams");
            streams.createIndex(Indexes.ascending("caseNumber"), new IndexOptions().unique(true));
            for (int i = 0; i < written; i++) {
                streams.insertOne(new Document("_id", "d-" + i).append("caseNumber", "N" + i)
                                                               .append("text", "x".repeat(200)));
            }
            copyTree(live, copy);
        }
        Path log = newestLog(copy);
        long length = Files.size(log);
        assertThat(length).as("the writes are in the engine's log").isGreaterThan(100);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(length - 37);
        }

        try (Backends.Running reopened = backend.start(copy)) {
            MongoCollection<Document> streams = reopened.client().getDatabase("db").getCollection("streams");
            List<Document> all = streams.find().into(new java.util.ArrayList<>());
            long count = streams.countDocuments();
            assertThat(count).isEqualTo(all.size()).isBetween(1L, (long) written);
            for (Document document : all) {
                assertThat(document.getString("text")).hasSize(200);
                String caseNumber = document.getString("caseNumber");
                assertThat(streams.find(Filters.eq("caseNumber", caseNumber)).first()).isEqualTo(document);
            }
            // what was lost is lost whole: its key is free again, and the store takes new writes
            String next = "N" + count;
            assertThat(streams.find(Filters.eq("caseNumber", next)).first()).isNull();
            streams.insertOne(new Document("_id", "after").append("caseNumber", next).append("text", "y".repeat(200)));
            assertThat(streams.countDocuments()).isEqualTo(count + 1);
        }
    }

    private static Path newestLog(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")
                                     || f.getFileName().toString().endsWith("-wal"))
                        .filter(f -> !f.getFileName().toString().startsWith("LOG"))
                        .max(Comparator.comparing(f -> f.toFile().length())).orElseThrow();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("LOCK")
                           && !file.getFileName().toString().endsWith("-shm")) {
                    Files.copy(file, target);
                }
            }
        }
    }
}
