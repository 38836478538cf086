package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mediators' REST API over real HTTP against the running application on its embedded MongoDB. */
class DisputeApiTest extends AppTestBase {

    static final String VILLAGE = "511902101001";
    static final String TOWN = "511902101000";
    static final String COUNTY = "511902000000";

    static Map<String, Object> registration(String id) {
        return sampleRegistration(id);
    }

    private JsonNode ok(Response response) {
        assertThat(response.status()).as(String.valueOf(response.body())).isBetween(200, 299);
        return response.body();
    }

    private JsonNode awaitView(String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/disputes/" + id),
                                                             r -> r.status() == 200
                                                                     && status.equals(r.body().path("status").asText()))
                      .body();
    }

    @Test
    void aDisputeLivesFromVillageToCountyAndIsResolvedThere() {
        JsonNode registered = ok(post("/api/disputes", registration(null)));
        String id = registered.get("id").asText();
        assertThat(registered.get("status").asText()).isEqualTo("REGISTERED");
        assertThat(registered.get("caseNumber").asText()).startsWith("2026-" + VILLAGE + "-");

        ok(post("/api/disputes/" + id + "/screening",
                Map.of("grade", "MAJOR", "decision", "ACCEPT", "groupRisk", true, "date", "2026-03-03")));
        ok(post("/api/disputes/" + id + "/mediation", Map.of("committeeId", "C" + VILLAGE,
                                                             "mediatorIds", List.of("C" + VILLAGE + "-M1"),
                                                             "channel", "PEOPLES", "date", "2026-03-04")));
        ok(post("/api/disputes/" + id + "/sessions",
                Map.of("attendees", List.of("王小明", "李大山"), "notes", "第一次调解", "date", "2026-03-05")));
        ok(post("/api/disputes/" + id + "/failure", Map.of("reason", "双方分歧较大", "date", "2026-03-06")));
        JsonNode escalated = ok(post("/api/disputes/" + id + "/escalation",
                                     Map.of("to", "TOWN", "reason", "村级调解不成", "date", "2026-03-07")));
        assertThat(escalated.get("status").asText()).isEqualTo("ESCALATED");
        ok(post("/api/disputes/" + id + "/escalation/acceptance", Map.of("date", "2026-03-08")));
        ok(post("/api/disputes/" + id + "/mediation", Map.of("committeeId", "C" + TOWN,
                                                             "mediatorIds", List.of("C" + TOWN + "-M2"),
                                                             "channel", "ADMINISTRATIVE", "date", "2026-03-09")));
        ok(post("/api/disputes/" + id + "/escalation", Map.of("to", "COUNTY", "reason", "重大", "date", "2026-03-10")));
        ok(post("/api/disputes/" + id + "/escalation/acceptance", Map.of("date", "2026-03-11")));
        ok(post("/api/disputes/" + id + "/mediation", Map.of("committeeId", "C" + COUNTY,
                                                             "mediatorIds", List.of("C" + COUNTY + "-M1", "C" + COUNTY + "-M3"),
                                                             "channel", "JUDICIAL", "date", "2026-03-12")));
        JsonNode resolved = ok(post("/api/disputes/" + id + "/resolution",
                                    Map.of("form", "WRITTEN", "terms", "重新划定边界", "amount", 800, "date", "2026-03-13")));
        assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
        ok(post("/api/disputes/" + id + "/fulfilment", Map.of("fulfilled", true, "date", "2026-03-20")));
        ok(post("/api/disputes/" + id + "/judicial-confirmation", Map.of("court", "巴州区人民法院", "date", "2026-03-21")));
        ok(post("/api/disputes/" + id + "/follow-up", Map.of("satisfaction", 5, "date", "2026-03-25")));
        ok(post("/api/disputes/" + id + "/closure", Map.of("date", "2026-03-26")));

        JsonNode view = awaitView(id, "CLOSED");
        assertThat(view.get("handlingLevel").asText()).isEqualTo("COUNTY");
        assertThat(view.get("handlingUnit").asText()).isEqualTo(COUNTY);
        assertThat(view.get("villageCode").asText()).isEqualTo(VILLAGE);
        assertThat(view.get("riskGrade").asText()).isEqualTo("MAJOR");
        assertThat(view.get("field").asText()).isEqualTo("NEIGHBOURS");
        assertThat(view.get("version").asLong()).isEqualTo(15);
        assertThat(view.get("parties").get(0).get("name").asText()).isEqualTo("王**");
        assertThat(view.get("parties").get(0).get("idNumber").asText()).isEqualTo("110105********002X");
        assertThat(view.get("parties").get(0).get("phone").asText()).isEqualTo("138****5678");
    }

    @Test
    void retryingARegistrationReturnsTheSameResultAndStoresNothing() {
        String id = newId();
        JsonNode first = ok(post("/api/disputes", registration(id)));
        Response retry = post("/api/disputes", registration(id));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first);
        assertThat(retry.header("Location")).isEqualTo("/api/disputes/" + id);
        // a step after the retry gets version 1: the retry added no event
        JsonNode screened = ok(post("/api/disputes/" + id + "/screening",
                                    Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03")));
        assertThat(screened.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void theSameIdWithADifferentRegistrationIsAConflict() {
        String id = newId();
        ok(post("/api/disputes", registration(id)));
        Map<String, Object> other = registration(id);
        other.put("summary", "另一件事");
        Response response = post("/api/disputes", other);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asText()).isNotBlank();
    }

    @Test
    void aStaleIfMatchIsRefusedAndStoresNothing() {
        String id = ok(post("/api/disputes", registration(null))).get("id").asText();
        Response stale = post("/api/disputes/" + id + "/screening",
                              Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"),
                              Map.of("If-Match", "\"5\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        JsonNode current = ok(post("/api/disputes/" + id + "/screening",
                                   Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"),
                                   Map.of("If-Match", "\"0\"")));
        assertThat(current.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreNamedInProblemDetailsAndNothingIsStored() {
        Map<String, Object> body = registration(newId());
        body.put("villageCode", "511902999999");
        body.put("field", "ASTROLOGY");
        body.put("date", "2999-01-01");
        body.put("parties", List.of(Map.of("role", "APPLICANT", "name", "王", "idNumber", "110105194912310021")));
        Response response = post("/api/disputes", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("villageCode", "field", "date", "parties[0].idNumber");
        assertThat(get("/api/disputes/" + body.get("id")).status()).isEqualTo(404);
    }

    @Test
    void businessDatesStayWithinTheSystemsWindow() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        for (String date : List.of("1949-01-01", "1999-12-31", today.minusYears(5).minusDays(1).toString())) {
            Map<String, Object> old = registration(null);
            old.put("date", date);
            old.remove("occurredOn");
            Response refused = post("/api/disputes", old);
            assertThat(refused.status()).as(date).isEqualTo(400);
            assertThat(refused.body().get("errors").findValuesAsText("field")).as(date).containsExactly("date");
        }
        Map<String, Object> arose = registration(null);
        arose.put("occurredOn", "1990-05-01");
        Response refused = post("/api/disputes", arose);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("occurredOn");

        Map<String, Object> late = registration(null);
        late.put("date", today.minusYears(5).plusDays(1).toString());
        late.remove("occurredOn");
        assertThat(post("/api/disputes", late).status()).isEqualTo(201);
    }

    @Test
    void unknownJsonFieldsAndWrongTypesAreNamed() {
        Map<String, Object> body = registration(null);
        body.put("colour", "red");
        Response unknown = post("/api/disputes", body);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").get(0).get("field").asText()).isEqualTo("colour");

        Map<String, Object> wrongType = registration(null);
        wrongType.put("peopleInvolved", "many");
        Response typed = post("/api/disputes", wrongType);
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.body().get("errors").get(0).get("field").asText()).isEqualTo("peopleInvolved");
    }

    @Test
    void anUnknownMediatorIsNamed() {
        String id = ok(post("/api/disputes", registration(null))).get("id").asText();
        ok(post("/api/disputes/" + id + "/screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03")));
        Response response = post("/api/disputes/" + id + "/mediation",
                                 Map.of("committeeId", "C" + VILLAGE, "mediatorIds", List.of("nobody"),
                                        "channel", "PEOPLES", "date", "2026-03-04"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("mediatorIds[0]");
        assertThat(response.body().get("errors").get(0).get("message").asText()).contains("nobody");
    }

    @Test
    void anIllegalTransitionIsAConflictNamingTheCurrentStatus() {
        String id = ok(post("/api/disputes", registration(null))).get("id").asText();
        Response response = post("/api/disputes/" + id + "/resolution",
                                 Map.of("form", "ORAL", "terms", "t", "date", "2026-03-03"));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().get("currentStatus").asText()).isEqualTo("REGISTERED");
        assertThat(response.body().get("detail").asText()).contains("REGISTERED");
    }

    @Test
    void aDateBeforeTheCasesLatestDateIsRefused() {
        String id = ok(post("/api/disputes", registration(null))).get("id").asText();
        Response response = post("/api/disputes/" + id + "/screening",
                                 Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-02-01"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("date");
    }

    @Test
    void theApiIsDescribedByAnOpenApiDocument() {
        Response docs = get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/disputes/{id}/escalation")).isTrue();
        assertThat(docs.body().get("paths").has("/api/statistics")).isTrue();
        JsonNode parameters = docs.body().get("paths").get("/api/disputes/{id}/resolution").get("post").get("parameters");
        java.util.List<String> names = new java.util.ArrayList<>();
        parameters.forEach(p -> names.add(p.get("in").asText() + ":" + p.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("path:id", "header:If-Match");
    }

    @Test
    void aRequestWithoutLoginIsRefusedAndStoresNothing() {
        Map<String, Object> body = registration(newId());
        Response response = request("POST", "/api/disputes", body, Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(get("/api/disputes/" + body.get("id") + "/history").status()).isEqualTo(404);
    }

    @Test
    void theActorStoredIsTheLoggedInUserWhateverTheRequestSays() {
        Map<String, Object> body = registration(newId());
        ok(post("/api/disputes", body, Map.of("X-Actor", "someone-else")));
        JsonNode history = ok(get("/api/disputes/" + body.get("id") + "/history"));
        assertThat(history.get("events").get(0).get("actor").asText()).isEqualTo(MEDIATOR);
    }

    @Test
    void concurrentRegistrationsGetDistinctCaseNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(() -> ok(post("/api/disputes", registration(null))).get("caseNumber").asText());
            }
            Set<String> numbers = new HashSet<>();
            for (Future<String> future : pool.invokeAll(calls)) {
                numbers.add(future.get());
            }
            assertThat(numbers).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentStepsOnOneDisputeLoseNoWrite() throws Exception {
        String id = ok(post("/api/disputes", registration(null))).get("id").asText();
        ok(post("/api/disputes/" + id + "/screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03")));
        ok(post("/api/disputes/" + id + "/mediation", Map.of("committeeId", "C" + VILLAGE,
                                                             "mediatorIds", List.of("C" + VILLAGE + "-M1"),
                                                             "channel", "PEOPLES", "date", "2026-03-04")));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                calls.add(() -> post("/api/disputes/" + id + "/sessions",
                                     Map.of("attendees", List.of("甲"), "notes", "session " + n, "date", "2026-03-05"))
                        .status());
            }
            for (Future<Integer> future : pool.invokeAll(calls)) {
                assertThat(future.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/disputes/" + id).body().path("sessions").asInt(),
                                                     sessions -> sessions == 12);
    }

    @Test
    void aStepOnAnUnknownDisputeIsNotFoundWithoutAStackTraceInTheLog() {
        ch.qos.logback.classic.Logger repository = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("org.axonframework.modelling.command.AbstractRepository");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        repository.addAppender(logged);
        try {
            Response response = post("/api/disputes/" + newId() + "/screening",
                                     Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(logged.list).as("an unknown id is a 404, not a warning with a stack trace").isEmpty();
        } finally {
            repository.detachAppender(logged);
        }
    }
}
