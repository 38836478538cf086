package cn.mediation.app.reliability;

import cn.mediation.app.support.ChildApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An acknowledged step survives a crash of the server under load: four clients drive dispute lifecycles against
 * the application in a JVM of its own (embedded MongoDB on an H2 file), which is killed with SIGKILL after some
 * hundreds of acknowledgements, then started again on the same files. Every step that got a 2xx must be in its
 * dispute's history exactly once, the projections must catch up to figures equal to a replay of the log, and the
 * hash chains must be intact. In-flight requests at the kill have no answer: they count as unacknowledged.
 */
class CrashUnderLoadTest {

    private static final Logger log = LoggerFactory.getLogger(CrashUnderLoadTest.class);
    private static final String ADMIN_PASSWORD = "crash-admin-password";
    private static final int ACKNOWLEDGEMENTS = 300;

    @Test
    void everyAcknowledgedStepSurvivesASigkillUnderLoad(@TempDir Path directory) throws Exception {
        long began = System.nanoTime();
        List<String> settings = List.of("mediation.mongo.embedded.data-dir=" + directory.resolve("data"),
                                        "mediation.security.admin-password=" + ADMIN_PASSWORD,
                                        "mediation.security.bcrypt-strength=4",
                                        "mediation.sample-committees=true",
                                        "mediation.eventstore.hold-back=PT0.2S");
        Path logFile = directory.resolve("app.log");
        LifecycleLoad load;
        try (ChildApplication first = new ChildApplication(logFile, settings).start()) {
            LifecycleLoad.createUsers(first, ADMIN_PASSWORD);
            LifecycleLoad.awaitCommittees(first);
            load = new LifecycleLoad(first).start(4);
            await().atMost(Duration.ofSeconds(120))
                   .until(() -> load.acknowledged() >= ACKNOWLEDGEMENTS || !first.alive());
            first.kill();
            load.close();
            assertThat(load.acknowledged()).as(load.summary()).isGreaterThanOrEqualTo(ACKNOWLEDGEMENTS);
            assertThat(load.refusals()).as("answers other than 2xx before the kill").isEmpty();
        }

        try (ChildApplication second = new ChildApplication(logFile, settings).start()) {
            StoreChecks.awaitCaughtUp(second, ADMIN_PASSWORD, Duration.ofSeconds(60));
            int found = StoreChecks.assertEveryAcknowledgedStepStoredOnce(second, load.acks());
            int stored = StoreChecks.assertEveryStoredStepProjected(second, load.attempted());
            StoreChecks.awaitCaughtUp(second, ADMIN_PASSWORD, Duration.ofSeconds(60));
            StoreChecks.assertProjectionsVerify(second);
            StoreChecks.assertAuditIntact(second);
            log.info("Crash under load: {}; acknowledged steps found after the restart: {}; disputes stored {} "
                             + "of {} attempted; {} s in all", load.summary(), found, stored, load.attempted().size(),
                     Duration.ofNanos(System.nanoTime() - began).toSeconds());
        }
    }
}
