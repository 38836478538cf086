package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.StoreTestSupport.MutableClock;
import cn.mediation.core.eventstore.StoreTestSupport.Tracked;
import cn.mediation.core.testing.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.identifiersOf;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Acknowledged appends survive a SIGKILL of the process that made them: a child JVM writes through our engine to an
 * embedded server on an H2 file, with the H2 commit as the durability barrier, and is killed right after its 300th
 * acknowledgement; the test then opens the same file.
 * <p>
 * There is no case without the barrier: H2 also commits on its own about once a second, so how many acknowledged
 * events such a run loses depends on where the kill falls between two of those commits.
 */
class EventStoreDurabilityTest {

    private static final int ACKNOWLEDGEMENTS = 300;
    private static final String DATABASE = "durability";
    private static final String AGGREGATE = "case-durable";

    private final ExecutorService threads = Executors.newSingleThreadExecutor();
    private Process child;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        threads.shutdownNow();
    }

    @Test
    void everyAcknowledgedEventSurvivesAKillOfTheWritingProcess(@TempDir Path directory) throws Exception {
        Path store = directory.resolve("events.mv.db");
        Path childErrors = directory.resolve("writer.err");
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                   "-cp", System.getProperty("java.class.path"),
                                   DurabilityWriter.class.getName(), store.toString(), DATABASE, AGGREGATE)
                .redirectError(childErrors.toFile())
                .start();

        Future<List<String>> reading = threads.submit(() -> readAcknowledgementsThenKill(child));
        List<String> acknowledged;
        try {
            acknowledged = reading.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            child.destroyForcibly();
            throw new AssertionError("no " + ACKNOWLEDGEMENTS + " acknowledgements within 60 s; writer errors:\n"
                                             + Files.readString(childErrors), e);
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("writer process ended").isTrue();
        if (acknowledged.size() < ACKNOWLEDGEMENTS) {
            fail("writer stopped after %d acknowledgements; its errors:%n%s", acknowledged.size(),
                 Files.readString(childErrors));
        }

        try (EmbeddedMongo reopened = EmbeddedMongo.onFile(store)) {
            MutableClock clock = new MutableClock();
            MongoEventStorageEngine engine = engineOn(reopened.database(DATABASE)).clock(clock).build();
            assertThat(identifiersOf(aggregateEvents(engine, AGGREGATE))).as("events of the aggregate after the kill")
                                                                        .containsAll(acknowledged);

            engine.recoverPendingCopies(Duration.ZERO);
            clock.advance(Duration.ofSeconds(2));
            Tracked tracked = readAvailable(engine, null);
            assertThat(tracked.identifiers()).as("tracking stream after recovery")
                                             .doesNotHaveDuplicates()
                                             .containsAll(acknowledged);
        }
    }

    /** Reads the child's output up to its last required acknowledgement, then kills it at once. */
    private static List<String> readAcknowledgementsThenKill(Process process) throws IOException {
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith(DurabilityWriter.ACK)) {
                    acknowledged.add(line.substring(DurabilityWriter.ACK.length()));
                    if (acknowledged.size() == ACKNOWLEDGEMENTS) {
                        process.destroyForcibly();
                        break;
                    }
                }
            }
        }
        return acknowledged;
    }
}
