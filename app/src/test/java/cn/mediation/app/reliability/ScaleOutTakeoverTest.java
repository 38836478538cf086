package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase.Response;
import cn.mediation.app.support.ChildApplication;
import cn.mediation.app.support.StandaloneMongo;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one MongoDB (a process of its own, so that either instance can die without the store): the first
 * holds every segment of every projection; it is killed (SIGKILL: no claim released) with events it has not
 * projected, and the live one claims its segments once the claims lapse, catches up, and its projections equal a
 * fresh replay ({@code /api/admin/projections/verify}). Prints {@code takeover_s}: from the kill to the last of the
 * dead instance's segments claimed by the live one.
 */
class ScaleOutTakeoverTest {

    private static final String ADMIN_PASSWORD = "scale-out-takeover-admin";
    /** A sample village no other test counts: the cases registered here stay open. */
    private static final String VILLAGE = "511923101001";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(4);

    @Test
    void aLiveInstanceTakesOverTheSegmentsOfAKilledOne(@TempDir Path directory) throws Exception {
        int mongoPort = ChildApplication.freePort();
        Process mongo = StandaloneMongo.start(mongoPort, directory.resolve("mongo.mv.db"), directory.resolve("mongo.log"));
        try {
            List<String> common = List.of("mediation.mongo.uri=mongodb://127.0.0.1:" + mongoPort + "/takeover",
                                          "mediation.security.admin-password=" + ADMIN_PASSWORD,
                                          "mediation.security.bcrypt-strength=4",
                                          "mediation.eventstore.hold-back=PT0.2S",
                                          "mediation.projections.claim-timeout=" + CLAIM_TIMEOUT,
                                          // one folder for both: they share its key-encryption and seal keys
                                          "mediation.mongo.embedded.data-dir=" + directory.resolve("data"));
            try (ChildApplication first = new ChildApplication(directory.resolve("first.log"),
                                                               with(common, "mediation.node-id=first")).start()) {
                LifecycleLoad.createUsers(first, ADMIN_PASSWORD);
                awaitCommittee(first);
                try (ChildApplication second = new ChildApplication(directory.resolve("second.log"),
                                                                    with(common, "mediation.node-id=second")).start()) {
                    takeOver(first, second);
                }
            }
        } finally {
            StandaloneMongo.stop(mongo);
        }
    }

    private void takeOver(ChildApplication first, ChildApplication second) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(register(i % 2 == 0 ? first : second));
        }
        // every segment of every processor is the first's, and the second sees that
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode projections = projections(second);
            assertThat(projections.get("node").asText()).isEqualTo("second");
            for (JsonNode projection : projections.get("projections")) {
                assertThat(projection.get("segments")).as(projection.toString()).hasSize(2);
                for (JsonNode segment : projection.get("segments")) {
                    assertThat(segment.get("owner").asText()).as(projection.toString()).isEqualTo("first");
                }
                assertThat(projection.get("caughtUp").asBoolean()).as(projection.toString()).isTrue();
            }
        });

        // the first dies holding them, with events appended just before that it may not have projected
        for (int i = 0; i < 4; i++) {
            ids.add(register(second));
        }
        first.kill();
        long killed = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            ids.add(register(second));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (JsonNode projection : projections(second).get("projections")) {
                for (JsonNode segment : projection.get("segments")) {
                    assertThat(segment.get("owner").asText()).as(projection.toString()).isEqualTo("second");
                }
            }
        });
        double takeover = (System.nanoTime() - killed) / 1e9;
        System.out.printf("takeover_s=%.1f (claim timeout %d s)%n", takeover, CLAIM_TIMEOUT.toSeconds());
        assertThat(takeover).as("not before the dead instance's claims lapsed")
                            .isGreaterThanOrEqualTo(CLAIM_TIMEOUT.toSeconds() - 1.0);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            for (JsonNode projection : projections(second).get("projections")) {
                assertThat(projection.get("caughtUp").asBoolean()).as(projection.toString()).isTrue();
            }
        });
        for (String id : ids) {
            Response view = second.get(LifecycleLoad.MEDIATOR, LifecycleLoad.PASSWORD, "/api/disputes/" + id);
            assertThat(view.status()).as(id).isEqualTo(200);
        }
        Response verify = second.get("admin", ADMIN_PASSWORD, "/api/admin/projections/verify");
        assertThat(verify.status()).as(String.valueOf(verify.body())).isEqualTo(200);
        assertThat(verify.body().get("ok").asBoolean()).as(verify.body().toString()).isTrue();
        Response statistics = second.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD,
                                         "/api/statistics?region=" + VILLAGE + "&from=2026-03-01&to=2026-03-31");
        assertThat(statistics.status()).as(String.valueOf(statistics.body())).isEqualTo(200);
        assertThat(statistics.body().path("figures").path("registered").asLong())
                .as("the village's figures count every case").isEqualTo(ids.size());
    }

    private static String register(ChildApplication instance) throws IOException {
        String id = UUID.randomUUID().toString();
        Response response = instance.post(LifecycleLoad.MEDIATOR, LifecycleLoad.PASSWORD, "/api/disputes",
                                          LifecycleLoad.registration(id, VILLAGE, "APPLICATION", "接管测试纠纷"),
                                          Map.of());
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        return id;
    }

    private static JsonNode projections(ChildApplication instance) throws IOException {
        Response response = instance.get("admin", ADMIN_PASSWORD, "/api/admin/projections");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static void awaitCommittee(ChildApplication app) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Response committees = app.get(LifecycleLoad.MEDIATOR, LifecycleLoad.PASSWORD,
                                          "/api/committees?region=" + VILLAGE);
            return committees.status() == 200 && committees.body().toString().contains("\"C" + VILLAGE + "\"");
        });
    }

    private static List<String> with(List<String> common, String setting) {
        List<String> settings = new ArrayList<>(common);
        settings.add(setting);
        return settings;
    }
}
