package cn.mediation.app.config;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances starting together on one data folder each try to create its secret files: one creates each, and every
 * other reads the winner's whole text at once, never an empty or half-written file.
 */
class OwnerOnlyFileTest {

    @RepeatedTest(5)
    void startsRacingToCreateASecretAllReadTheOneWinnersText(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys").resolve("secret.key");
        int starts = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(starts);
        try {
            List<Future<String[]>> outcomes = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                String text = ("key-of-start-" + i + "-").repeat(64);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    boolean created = OwnerOnlyFile.createWith(file, text, "test secret");
                    return new String[] {String.valueOf(created), Files.readString(file), text};
                }));
            }
            go.countDown();
            int created = 0;
            String winner = null;
            List<String> read = new ArrayList<>();
            for (Future<String[]> outcome : outcomes) {
                String[] result = outcome.get();
                if (Boolean.parseBoolean(result[0])) {
                    created++;
                    winner = result[2];
                }
                read.add(result[1]);
            }
            assertThat(created).isEqualTo(1);
            String expected = winner;
            assertThat(read).as("what each start read").allMatch(expected::equals, "the winner's whole text");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            try (var left = Files.list(file.getParent())) {
                assertThat(left).as("no temporary file left").containsExactly(file);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
