package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase.Response;
import cn.mediation.app.storage.MongoConfiguration;
import cn.mediation.app.support.ChildApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances on one store, as behind a load balancer: the first runs the embedded MongoDB, the second
 * reaches it through its URI (the embedded server stands in for a replica set). Any instance takes any command: the
 * same dispute commanded through both at once gets one step and one refusal, never two events at one sequence number;
 * case numbers allocated on both stay unique; a registration retried on the other instance answers as the first did;
 * a case registered on one is read on the other; the second starts on the store the first set up (administrator,
 * sample committees) without a clash.
 */
class ScaleOutTest {

    private static final String ADMIN_PASSWORD = "scale-out-admin-password";
    private static final String VILLAGE = LifecycleLoad.VILLAGES.get(0);
    private static final int DISPUTES = 12;

    @Test
    void twoInstancesShareOneStoreWithoutLosingOrDoublingAStep(@TempDir Path directory) throws Exception {
        // the second instance reaches the first one's embedded MongoDB through its socket
        Path socket = directory.resolve("mongodb.sock");
        // instances on one store share its personal-data key-encryption key
        List<String> common = List.of("mediation.privacy.kek-file=" + directory.resolve("personal-keys.kek"),
                                      "mediation.security.admin-password=" + ADMIN_PASSWORD,
                                      "mediation.security.bcrypt-strength=4",
                                      "mediation.eventstore.hold-back=PT0.2S");
        List<String> first = new ArrayList<>(common);
        first.add("mediation.mongo.embedded.socket=" + socket);
        first.add("mediation.mongo.embedded.data-dir=" + directory.resolve("data"));
        List<String> second = new ArrayList<>(common);
        second.add("mediation.mongo.uri=" + MongoConfiguration.socketUri(socket, "mediation"));
        // the first one's folder for the audit seal key: instances on one store share it
        second.add("mediation.mongo.embedded.data-dir=" + directory.resolve("data"));
        try (ChildApplication a = new ChildApplication(directory.resolve("a.log"), first).start();
             ChildApplication b = new ChildApplication(directory.resolve("b.log"), second).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                commandThroughBoth(a, b, pool);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private void commandThroughBoth(ChildApplication a, ChildApplication b, ExecutorService pool) throws Exception {
        LifecycleLoad.createUsers(a, ADMIN_PASSWORD);
        LifecycleLoad.awaitCommittees(a);
        LifecycleLoad.awaitCommittees(b);

        // registrations through both instances at once: every one acknowledged, every case number once
        List<Future<Response>> registrations = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DISPUTES; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            ChildApplication instance = i % 2 == 0 ? a : b;
            registrations.add(pool.submit(() -> register(instance, id)));
        }
        Set<String> caseNumbers = new HashSet<>();
        for (Future<Response> registration : registrations) {
            Response response = registration.get();
            assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
            caseNumbers.add(response.body().get("caseNumber").asText());
        }
        assertThat(caseNumbers).as("case numbers allocated on two instances").hasSize(DISPUTES);

        // a registration retried on the other instance answers as the first time
        Response retried = register(b, ids.get(0));
        assertThat(retried.status() / 100).as(String.valueOf(retried.body())).isEqualTo(2);
        assertThat(retried.body().get("caseNumber").asText())
                .isEqualTo(register(a, ids.get(0)).body().get("caseNumber").asText());

        // the same step on the same version through both instances at once: one step, one refusal
        for (String id : ids) {
            Callable<Response> throughA = () -> screen(a, id);
            Callable<Response> throughB = () -> screen(b, id);
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : pool.invokeAll(List.of(throughA, throughB))) {
                answers.add(answer.get());
            }
            List<Integer> statuses = answers.stream().map(Response::status).sorted().toList();
            assertThat(statuses).as("answers for %s: %s", id, answers).hasSize(2);
            assertThat(statuses.get(0)).isEqualTo(200);
            assertThat(statuses.get(1)).as("the second screening of version 1").isIn(409, 412);
        }

        // every case is read on both instances with exactly its two steps
        for (String id : ids) {
            for (ChildApplication instance : List.of(a, b)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    Response view = instance.get(LifecycleLoad.MEDIATOR, LifecycleLoad.PASSWORD,
                                                 "/api/disputes/" + id);
                    assertThat(view.status()).isEqualTo(200);
                    assertThat(view.body().get("version").asLong()).isEqualTo(1L);
                });
            }
            Response history = a.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD,
                                     "/api/disputes/" + id + "/history");
            assertThat(history.status()).isEqualTo(200);
            assertThat(history.body().toString()).contains("DisputeScreened");
            assertThat(sequenceNumbers(history)).as("sequence numbers in %s's history", id)
                                                .containsExactly(0L, 1L);
        }
        assertThat(a.alive() && b.alive()).as("both instances still serving").isTrue();
    }

    private static Response register(ChildApplication instance, String id) throws IOException {
        return instance.post(LifecycleLoad.MEDIATOR, LifecycleLoad.PASSWORD, "/api/disputes",
                             LifecycleLoad.registration(id, VILLAGE, "APPLICATION", "两台服务器测试纠纷"), Map.of());
    }

    private static Response screen(ChildApplication instance, String id) throws IOException {
        return instance.post(LifecycleLoad.MEDIATOR, LifecycleLoad.PASSWORD, "/api/disputes/" + id + "/screening",
                             Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"),
                             Map.of("If-Match", "\"0\""));
    }

    private static List<Long> sequenceNumbers(Response history) {
        List<Long> numbers = new ArrayList<>();
        history.body().findValues("sequence").forEach(n -> numbers.add(n.asLong()));
        return numbers;
    }
}
