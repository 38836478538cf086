package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase.Response;
import cn.mediation.app.support.ChildApplication;
import cn.mediation.app.support.StandaloneMongo;
import cn.mediation.core.region.RegionDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances started at the same moment on one empty MongoDB: the start-up jobs run on all three and leave one
 * of everything: one administrator, each committee established once with its three sample mediators appointed once.
 * (A day's seal is one document keyed by the day, inserted once whoever seals it; a store this new has no finished
 * day to seal.)
 */
class ScaleOutStartupTest {

    private static final String ADMIN_PASSWORD = "scale-out-startup-admin";

    @Test
    void threeInstancesStartingTogetherLeaveOneOfEverything(@TempDir Path directory) throws Exception {
        int mongoPort = ChildApplication.freePort();
        Process mongo = StandaloneMongo.start(mongoPort, directory.resolve("mongo.mv.db"), directory.resolve("mongo.log"));
        List<ChildApplication> instances = new ArrayList<>();
        ExecutorService starting = Executors.newFixedThreadPool(3);
        try {
            List<Future<ChildApplication>> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ChildApplication instance = new ChildApplication(directory.resolve("instance-" + i + ".log"), List.of(
                        "mediation.mongo.uri=mongodb://127.0.0.1:" + mongoPort + "/startup",
                        "mediation.security.admin-password=" + ADMIN_PASSWORD,
                        "mediation.security.bcrypt-strength=4",
                        "mediation.node-id=instance-" + i,
                        // one folder for all three: the first start creates its keys, the others read them
                        "mediation.mongo.embedded.data-dir=" + directory.resolve("data")));
                instances.add(instance);
                started.add(starting.submit(instance::start));
            }
            for (Future<ChildApplication> instance : started) {
                instance.get();
            }
            // a start-up job that failed on a clash stops its instance (ApplicationRunner): all three must live on
            await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                   .until(() -> instances.stream().allMatch(ChildApplication::alive));
            checkOneOfEverything(mongoPort, instances);
        } finally {
            starting.shutdownNow();
            for (ChildApplication instance : instances) {
                instance.close();
            }
            StandaloneMongo.stop(mongo);
        }
    }

    private void checkOneOfEverything(int mongoPort, List<ChildApplication> instances) throws Exception {
        int regions;
        try (InputStream csv = RegionDirectory.class.getResourceAsStream("/regions/bazhong-sample.csv")) {
            regions = RegionDirectory.load(csv).all().size();
        }
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            MongoDatabase database = client.getDatabase("startup");
            // the committees come after the web server is up: wait until every area has its three mediators
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, Integer> appointed = count(database, "MediatorAppointedEvent");
                assertThat(appointed).hasSize(regions);
                assertThat(appointed.values()).allMatch(n -> n >= 3);
            });
            Map<String, Integer> established = count(database, "CommitteeEstablishedEvent");
            assertThat(established).as("committees established").hasSize(regions);
            assertThat(established.values()).as("each established once").containsOnly(1);
            assertThat(count(database, "MediatorAppointedEvent").values()).as("each sample mediator appointed once")
                                                                          .containsOnly(3);
            assertThat(database.getCollection("users").countDocuments(new Document("_id", "admin")))
                    .as("one administrator").isEqualTo(1);
        }
        for (ChildApplication instance : instances) {
            assertThat(instance.alive()).as("every instance started and serves").isTrue();
            Response users = instance.get("admin", ADMIN_PASSWORD, "/api/admin/users");
            assertThat(users.status()).isEqualTo(200);
            long admins = 0;
            for (JsonNode user : users.body()) {
                admins += user.get("username").asText().equals("admin") ? 1 : 0;
            }
            assertThat(admins).isEqualTo(1);
        }
    }

    /** Events of a type ending in {@code type}, by aggregate. */
    private static Map<String, Integer> count(MongoDatabase database, String type) {
        Map<String, Integer> counts = new HashMap<>();
        for (Document event : database.getCollection("events").find(new Document("type", "Committee"))) {
            if (String.valueOf(event.get("payloadType")).endsWith(type)) {
                counts.merge(event.getString("aggregateIdentifier"), 1, Integer::sum);
            }
        }
        return counts;
    }
}
