package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection processor that stops (here shut down behind the application's back, as a worker that died on an
 * {@code Error} leaves it) is named by health and by the projections' progress while it is stopped, and is started
 * again without anyone's help; the case lists then catch up.
 */
class ProcessorSupervisionTest extends AppTestBase {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aStoppedProcessorIsReportedAndStartedAgain() {
        StreamingEventProcessor views = processing.eventProcessor("dispute-views", StreamingEventProcessor.class)
                                                  .orElseThrow();
        views.shutDown();
        String id = register("511902101001", "NEIGHBOURS", "SWEEP", "2026-03-02");

        JsonNode health = getAs(ADMIN, "/actuator/health").body();
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/projections/details/stopped").has("dispute-views")).isTrue();
        JsonNode listed = projection("dispute-views");
        assertThat(listed.path("running").asBoolean()).isFalse();
        assertThat(listed.path("state").asText()).isEqualTo("stopped");

        await().atMost(Duration.ofSeconds(60)).until(() -> projection("dispute-views").path("running").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/disputes/" + id).status() == 200);
        await().atMost(Duration.ofSeconds(30))
               .until(() -> !getAs(ADMIN, "/actuator/health").body().at("/components/projections/details/stopped")
                                                                    .has("dispute-views"));
    }

    private JsonNode projection(String name) {
        for (JsonNode projection : getAs(ADMIN, "/api/admin/projections").body().get("projections")) {
            if (name.equals(projection.path("name").asText())) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name);
    }
}
