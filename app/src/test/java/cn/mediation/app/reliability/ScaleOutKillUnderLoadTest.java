package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase.Response;
import cn.mediation.app.support.ChildApplication;
import cn.mediation.app.support.StandaloneMongo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one MongoDB (a process of its own, so that either instance can die without the store), four
 * clients driving dispute lifecycles, two through each. Once both have acknowledged steps, the instance holding
 * projection segments is killed (SIGKILL: no claim released, requests in flight left without an answer) while the
 * load runs; the clients of the live one go on. Then: every acknowledged step is stored exactly once, the live
 * instance claims the dead one's segments once the claims lapse and catches up, the read models equal a fresh replay
 * ({@code /api/admin/projections/verify}), and each village's registrations in the statistics equal the distinct
 * registrations in the exported event log, a figure that an event applied twice would raise. Prints
 * {@code kill_takeover_s} (from the kill to the last of the dead instance's segments claimed by the live one) and
 * the acknowledged steps before and after the kill.
 */
class ScaleOutKillUnderLoadTest {

    private static final Logger log = LoggerFactory.getLogger(ScaleOutKillUnderLoadTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "scale-out-kill-admin";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(4);
    /** The claim timeout, up to one claim interval (5 s) and the slack of a shared 2-core machine under load. */
    private static final Duration TAKEOVER_BOUND = CLAIM_TIMEOUT.plusSeconds(26);
    private static final int ACKNOWLEDGEMENTS_BEFORE = 200;
    private static final int ACKNOWLEDGEMENTS_AFTER = 50;

    @Test
    void anInstanceKilledUnderLoadLosesNoAcknowledgedStepAndItsSegmentsMove(@TempDir Path directory)
            throws Exception {
        long began = System.nanoTime();
        int mongoPort = ChildApplication.freePort();
        Process mongo = StandaloneMongo.start(mongoPort, directory.resolve("mongo.mv.db"),
                                              directory.resolve("mongo.log"));
        try {
            // the store is fresh: the load's villages count nothing but this test's cases; the instances share the
            // personal-data KEK and the audit seal key through one data folder
            List<String> common = List.of("mediation.mongo.uri=mongodb://127.0.0.1:" + mongoPort + "/kill",
                                          "mediation.mongo.embedded.data-dir=" + directory.resolve("shared"),
                                          "mediation.security.admin-password=" + ADMIN_PASSWORD,
                                          "mediation.security.bcrypt-strength=4",
                                          "mediation.eventstore.hold-back=PT0.2S",
                                          "mediation.projections.claim-timeout=" + CLAIM_TIMEOUT);
            ChildApplication a = new ChildApplication(directory.resolve("a.log"), with(common, "a"));
            ChildApplication b = new ChildApplication(directory.resolve("b.log"), with(common, "b"));
            try (a; b) {
                // started together, as after a deployment; which one claims which segments is theirs to settle
                CompletableFuture<ChildApplication> started = CompletableFuture.supplyAsync(() -> {
                    try {
                        return b.start();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                a.start();
                started.join();
                log.info("Both instances up after {} s", Duration.ofNanos(System.nanoTime() - began).toSeconds());
                LifecycleLoad.createUsers(a, ADMIN_PASSWORD);
                LifecycleLoad.awaitCommittees(a);
                LifecycleLoad.awaitCommittees(b);
                killUnderLoad(a, b);
            }
        } finally {
            StandaloneMongo.stop(mongo);
        }
        log.info("Scale-out kill under load: {} s in all", Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }

    private void killUnderLoad(ChildApplication a, ChildApplication b) throws Exception {
        Map<String, ChildApplication> byNode = Map.of("a", a, "b", b);
        LifecycleLoad load = new LifecycleLoad(List.of(a, b)).start(4);
        ChildApplication victim;
        ChildApplication survivor;
        int beforeKill;
        int survivorBeforeKill;
        long killed;
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                   .until(() -> load.acknowledged() >= ACKNOWLEDGEMENTS_BEFORE
                           && load.acknowledged(a) > 0 && load.acknowledged(b) > 0);
            // the victim is the instance holding the most segments right now (at least one: every segment is owned)
            Map<String, Integer> held = owners(a);
            String victimNode = held.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertThat(byNode).as("segment owners " + held).containsKey(victimNode);
            victim = byNode.get(victimNode);
            survivor = victim == a ? b : a;
            String survivorNode = victim == a ? "b" : "a";

            beforeKill = load.acknowledged();
            survivorBeforeKill = load.acknowledged(survivor);
            victim.kill();
            killed = System.nanoTime();

            // the live instance takes every segment once the dead one's claims lapse, while its clients go on
            await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                   .until(() -> owners(survivor).equals(Map.of(survivorNode, segmentCount(survivor))));
            double takeover = (System.nanoTime() - killed) / 1e9;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                   .until(() -> load.acknowledged(survivor) >= survivorBeforeKill + ACKNOWLEDGEMENTS_AFTER);
            load.close();
            int afterKill = load.acknowledged() - beforeKill;
            String figures = String.format("kill_takeover_s=%.1f (claim timeout %d s, %d segments held by the "
                                                   + "killed instance of %s); acknowledged before the kill %d, "
                                                   + "after it %d", takeover, CLAIM_TIMEOUT.toSeconds(),
                                           held.get(victimNode), held, beforeKill, afterKill);
            System.out.println(figures);
            log.info("Scale-out kill under load: {}; {}", figures, load.summary());
        } finally {
            load.close();
        }

        assertThat(load.refusals()).as("answers other than 2xx; " + load.summary()).isEmpty();
        assertThat(load.unanswered(survivor)).as("requests to the live instance without an answer").isZero();

        StoreChecks.awaitCaughtUp(survivor, ADMIN_PASSWORD, Duration.ofSeconds(60));
        StoreChecks.assertEveryAcknowledgedStepStoredOnce(survivor, load.acks());
        StoreChecks.assertEveryStoredStepProjected(survivor, load.attempted());
        // reading a history repairs a copy to the log the kill interrupted: the projections may have more to do
        StoreChecks.awaitCaughtUp(survivor, ADMIN_PASSWORD, Duration.ofSeconds(60));
        StoreChecks.assertProjectionsVerify(survivor);
        StoreChecks.assertAuditIntact(survivor);
        assertRegistrationsCountedOnce(survivor);
    }

    /**
     * Per village, the statistics' registrations (buckets incremented once per event) against the disputes with a
     * registration in the event log, read from the export.
     */
    private static void assertRegistrationsCountedOnce(ChildApplication app) throws Exception {
        Map<String, Set<String>> logged = new TreeMap<>();
        int registrations = 0;
        for (String line : export(app).lines().toList()) {
            JsonNode event = JSON.readTree(line);
            if (!event.path("payloadType").asText().endsWith(".DisputeRegisteredEvent")) {
                continue;
            }
            registrations++;
            String village = event.path("payload").path("villageCode").asText();
            assertThat(LifecycleLoad.VILLAGES).as("village of a logged registration").contains(village);
            logged.computeIfAbsent(village, v -> new HashSet<>()).add(event.get("aggregateIdentifier").asText());
        }
        int disputes = logged.values().stream().mapToInt(Set::size).sum();
        assertThat(disputes).as("disputes registered in the log").isPositive().isEqualTo(registrations);
        Map<String, Long> counted = new TreeMap<>();
        Map<String, Long> expected = new TreeMap<>();
        for (String village : LifecycleLoad.VILLAGES) {
            counted.put(village, registered(app, village));
            expected.put(village, (long) logged.getOrDefault(village, Set.of()).size());
        }
        assertThat(counted).as("registrations per village in the statistics against the log").isEqualTo(expected);
        assertThat(registered(app, LifecycleLoad.CITY)).as("registrations in the city").isEqualTo(disputes);
    }

    private static long registered(ChildApplication app, String region) throws IOException {
        Response statistics = app.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD,
                                      "/api/statistics?region=" + region + "&from=2026-03-01&to=2026-03-31");
        assertThat(statistics.status()).as(String.valueOf(statistics.body())).isEqualTo(200);
        return statistics.body().path("figures").path("registered").asLong(-1);
    }

    /** The event log as NDJSON: one line per event (and per sealed day), read as text. */
    private static String export(ChildApplication app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/api/admin/events/export"))
                                         .timeout(Duration.ofSeconds(60)).GET()
                                         .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                                 ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                                         .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** How many segments each node holds, over every processor, as {@code app} reads the token store. */
    private static Map<String, Integer> owners(ChildApplication app) throws IOException {
        Map<String, Integer> held = new HashMap<>();
        for (JsonNode projection : projections(app).get("projections")) {
            for (JsonNode segment : projection.path("segments")) {
                held.merge(segment.path("owner").asText("(none)"), 1, Integer::sum);
            }
        }
        return held;
    }

    private static int segmentCount(ChildApplication app) throws IOException {
        int segments = 0;
        for (JsonNode projection : projections(app).get("projections")) {
            segments += projection.path("segments").size();
        }
        return segments;
    }

    private static JsonNode projections(ChildApplication app) throws IOException {
        Response response = app.get("admin", ADMIN_PASSWORD, "/api/admin/projections");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static List<String> with(List<String> common, String node) {
        List<String> settings = new ArrayList<>(common);
        settings.add("mediation.node-id=" + node);
        return settings;
    }
}
