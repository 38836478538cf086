package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator watches: Prometheus meters after a few commands (commands by type and outcome, the event
 * processors, HTTP calls), for an administrator only; and an OpenAPI document that says what it documents.
 */
class OperationsTest extends AppTestBase {

    private static final String VILLAGE = "511923101003";

    @Test
    void metricsCountTheCommandsAnOperatorSends() {
        String id = register(VILLAGE, "NEIGHBOURS", "APPLICATION", "2026-03-02");
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));

        Response metrics = getAs(ADMIN, "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.body().asText();
        java.util.regex.Matcher registered = java.util.regex.Pattern
                .compile("(?m)^commandBus_successCounter_total\\{payloadType=\"RegisterDisputeCommand\"} (\\S+)$")
                .matcher(text);
        assertThat(registered.find()).as("successful commands counted by command type").isTrue();
        assertThat(Double.parseDouble(registered.group(1))).isGreaterThanOrEqualTo(1.0);
        assertThat(text).as("refused commands have a meter of their own")
                        .contains("commandBus_failureCounter_total{payloadType=\"ScreenDisputeCommand\"}");
        assertThat(text).as("an event processor's meters")
                        .containsPattern("(?m)^eventProcessor_\\w+\\{[^}]*processorName=\"dispute-views\"");
        assertThat(text).as("HTTP calls by path").contains("uri=\"/api/disputes\"");

        assertThat(getAs(MEDIATOR, "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(getAs(null, "/actuator/prometheus").status()).isEqualTo(401);
    }

    @Test
    void healthCountsTheStartUpJobsDone() {
        Response health = getAs(ADMIN, "/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().at("/components/readinessState/status").asText())
                .as("readiness is part of health: out of service until the start-up jobs have run")
                .isEqualTo("UP");
    }

    @Test
    void theApiDocumentSaysWhatItIs() {
        Response document = getAs(ADMIN, "/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().at("/info/title").asText()).isEqualTo("人民调解 tracking API");
        assertThat(document.body().at("/info/description").asText()).contains("problem details");
    }
}
