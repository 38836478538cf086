package cn.mediation.app.reliability;

import cn.mediation.app.reliability.LifecycleLoad.Refusal;
import cn.mediation.app.support.ChildApplication;
import cn.mediation.app.support.SessionClient;
import cn.mediation.app.support.StandaloneMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under load and comes back: MongoDB (mongo-java-server on an H2 file, in a process of its
 * own) is stopped while four clients drive lifecycles against the application (another process, connected by
 * URI), and started again on the same file and port. While it is away every answer must be {@code 503}
 * {@code application/problem+json} with {@code Retry-After} (never {@code 500}, never a hang) and health must say
 * DOWN; afterwards the same application, not restarted, must acknowledge steps again, its tracking processors must
 * catch up, and every step acknowledged before or after must be stored once, with figures equal to a replay.
 */
class DatabaseOutageTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageTest.class);
    private static final String ADMIN_PASSWORD = "outage-admin-password";

    private Process mongo;

    @AfterEach
    void stopMongo() {
        if (mongo != null && mongo.isAlive()) {
            mongo.destroyForcibly();
        }
    }

    @Test
    void requestsDuringAnOutageGet503AndTheApplicationRecoversWithoutARestart(@TempDir Path directory)
            throws Exception {
        long began = System.nanoTime();
        int mongoPort = ChildApplication.freePort();
        Path store = directory.resolve("mongo.mv.db");
        Path mongoLog = directory.resolve("mongo.log");
        mongo = StandaloneMongo.start(mongoPort, store, mongoLog);
        List<String> settings = List.of("mediation.mongo.uri=mongodb://127.0.0.1:" + mongoPort,
                                        "mediation.mongo.database=outage",
                                        "mediation.mongo.embedded.data-dir=" + directory.resolve("data"),
                                        "mediation.mongo.server-selection-timeout=PT1S",
                                        "mediation.mongo.connect-timeout=PT1S",
                                        "mediation.mongo.socket-timeout=PT10S",
                                        "mediation.security.admin-password=" + ADMIN_PASSWORD,
                                        "mediation.security.bcrypt-strength=4",
                                        "mediation.sample-committees=true",
                                        "mediation.eventstore.hold-back=PT0.2S");
        try (ChildApplication app = new ChildApplication(directory.resolve("app.log"), settings).start()) {
            LifecycleLoad.createUsers(app, ADMIN_PASSWORD);
            LifecycleLoad.awaitCommittees(app);
            SessionClient browser = new SessionClient().login(app, LifecycleLoad.MEDIATOR, LifecycleLoad.PASSWORD);
            assertThat(browser.get(app, "/api/fields").statusCode()).isEqualTo(200);
            LifecycleLoad load = new LifecycleLoad(app).start(4);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> load.acknowledged() >= 100);
                assertThat(load.refusals()).as("answers other than 2xx before the outage").isEmpty();

                StandaloneMongo.stop(mongo);
                int acknowledgedBefore = load.acknowledged();
                // any 20 answers that are not 2xx; what they must be is asserted below, with every status seen
                await().atMost(Duration.ofSeconds(60)).until(() -> load.refusals().size() >= 20);
                await().atMost(Duration.ofSeconds(30)).until(() -> app.healthStatus() == 503);
                int refusedDuringOutage = load.refusals().size();
                // a login session lives in the database too: reading it fails the same way, with the same answer
                HttpResponse<String> withSession = browser.get(app, "/api/fields");
                assertThat(withSession.statusCode()).as(withSession.body()).isEqualTo(503);
                assertThat(withSession.headers().firstValue("Content-Type").orElse(""))
                        .startsWith("application/problem+json");
                assertThat(withSession.headers().firstValue("Retry-After")).isPresent();

                mongo = StandaloneMongo.start(mongoPort, store, mongoLog);
                int acknowledgedAtRestart = load.acknowledged();
                await().atMost(Duration.ofSeconds(120))
                       .until(() -> load.acknowledged() >= acknowledgedAtRestart + 100);
                load.close();

                assertThat(load.refusalsThat(DatabaseOutageTest::notRetryable))
                        .as("answers other than 2xx or 503 problem+json with Retry-After; " + load.summary())
                        .isEmpty();
                assertThat(load.unanswered()).as("requests without an answer").isZero();
                assertThat(app.healthStatus()).as("health after the outage").isEqualTo(200);
                assertThat(browser.get(app, "/api/fields").statusCode()).as("the session after the outage")
                                                                      .isEqualTo(200);

                StoreChecks.awaitCaughtUp(app, ADMIN_PASSWORD, Duration.ofSeconds(120));
                int found = StoreChecks.assertEveryAcknowledgedStepStoredOnce(app, load.acks());
                int stored = StoreChecks.assertEveryStoredStepProjected(app, load.attempted());
                // the checks above repaired any copy the outage interrupted: the projections catch up with it first
                StoreChecks.awaitCaughtUp(app, ADMIN_PASSWORD, Duration.ofSeconds(60));
                StoreChecks.assertProjectionsVerify(app);
                StoreChecks.assertAuditIntact(app);
                log.info("Database outage: {}; acknowledged before the outage {}, 503s during it {}, "
                                 + "acknowledged steps found {}, disputes stored {} of {} attempted; {} s in all",
                         load.summary(), acknowledgedBefore, refusedDuringOutage, found, stored,
                         load.attempted().size(), Duration.ofNanos(System.nanoTime() - began).toSeconds());
            } finally {
                load.close();
            }
        }
    }

    private static boolean notRetryable(Refusal refusal) {
        return refusal.status() != 503 || !refusal.contentType().startsWith("application/problem+json")
                || refusal.retryAfter() == null;
    }
}
