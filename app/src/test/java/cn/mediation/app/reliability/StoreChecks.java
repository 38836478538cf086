package cn.mediation.app.reliability;

import cn.mediation.app.reliability.LifecycleLoad.Ack;
import cn.mediation.app.support.AppTestBase.Response;
import cn.mediation.app.support.ChildApplication;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What must hold after a fault, checked through the API alone: every acknowledged step is in its dispute's history
 * exactly once, the live figures equal a replay of the log, and the hash chains are intact.
 */
final class StoreChecks {

    private StoreChecks() {
    }

    /** Waits until every processor has handled the whole log (its position reached the head). */
    static void awaitCaughtUp(ChildApplication app, String adminPassword, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            Response projections = app.get("admin", adminPassword, "/api/admin/projections");
            if (projections.status() != 200) {
                return false;
            }
            JsonNode list = projections.body().get("projections");
            boolean all = list.size() > 0;
            for (JsonNode processor : list) {
                all &= processor.path("caughtUp").asBoolean(false) && processor.path("running").asBoolean(false);
            }
            return all;
        });
    }

    /**
     * Each acknowledged step's event stands in its dispute's history once, at the version the server returned, and
     * the history has no duplicate: sequence numbers are 0..n-1 and no step's event type repeats.
     *
     * @return the number of acknowledged steps found
     */
    static int assertEveryAcknowledgedStepStoredOnce(ChildApplication app, List<Ack> acks) throws IOException {
        int found = 0;
        for (Map.Entry<String, List<Ack>> dispute : LifecycleLoad.byDispute(acks).entrySet()) {
            Response history = app.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD,
                                       "/api/disputes/" + dispute.getKey() + "/history");
            assertThat(history.status()).as("history of an acknowledged dispute").isEqualTo(200);
            List<Map.Entry<Long, String>> events = LifecycleLoad.history(history.body());
            assertThat(events.stream().map(Map.Entry::getKey).toList()).as("sequence numbers of a history")
                                                                          .containsExactlyElementsOf(
                                                                                  LongStream.range(0, events.size())
                                                                                            .boxed().toList());
            assertThat(events.stream().map(Map.Entry::getValue).toList()).as("event types of a history")
                                                                            .doesNotHaveDuplicates();
            for (Ack ack : dispute.getValue()) {
                assertThat(events).as("acknowledged step in its history").contains(Map.entry(ack.version(),
                                                                                               ack.eventType()));
                found++;
            }
        }
        return found;
    }

    /**
     * Whatever a dispute's stream holds, acknowledged or not (a step whose answer was lost may have been stored), has
     * reached the global log and the projections: the case view comes to stand at the history's last version. An
     * event committed to its stream but never copied to the log would be in the history and never here. (Reading the
     * history of a stream whose copy an outage interrupted repairs the copy, as any load does; the view then follows
     * within the projection's lag, so the view is awaited, not read once.)
     *
     * @return the number of disputes that exist
     */
    static int assertEveryStoredStepProjected(ChildApplication app, List<String> disputeIds) throws IOException {
        int existing = 0;
        for (String id : disputeIds) {
            Response history = app.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD, "/api/disputes/" + id + "/history");
            if (history.status() == 404) {
                Response view = app.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD, "/api/disputes/" + id);
                assertThat(view.status()).as("view of a dispute that was never stored").isEqualTo(404);
                continue;
            }
            assertThat(history.status()).isEqualTo(200);
            List<Map.Entry<Long, String>> events = LifecycleLoad.history(history.body());
            long last = events.get(events.size() - 1).getKey();
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                   .untilAsserted(() -> {
                       Response view = app.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD, "/api/disputes/" + id);
                       assertThat(view.status()).as("view of a stored dispute").isEqualTo(200);
                       assertThat(view.body().get("version").asLong()).as("view version against its history")
                                                                       .isEqualTo(last);
                   });
            existing++;
        }
        return existing;
    }

    /** A replay of the whole log gives the live figures. */
    static void assertProjectionsVerify(ChildApplication app) throws IOException {
        Response verify = app.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD, "/api/admin/projections/verify");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body().get("differences")).as("replay against live figures").isEmpty();
    }

    /** Every event's hash and every aggregate's chain check out. */
    static void assertAuditIntact(ChildApplication app) throws IOException {
        Response audit = app.get(LifecycleLoad.AUDITOR, LifecycleLoad.PASSWORD, "/api/admin/audit/verify");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().get("intact").asBoolean()).as("tamper check: " + audit.body().get("findings"))
                                                          .isTrue();
    }
}
