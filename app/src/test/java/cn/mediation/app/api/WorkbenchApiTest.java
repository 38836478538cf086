package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the workbench reads and sends, over real HTTP: allowed steps, tabs and search, repeatable submissions. */
class WorkbenchApiTest extends AppTestBase {

    static final String TOWN = "511902101000";
    static final String VILLAGE = "511902101001";
    static final String VILLAGE_MEDIATOR = "api-village-mediator";
    static final String TOWN_MEDIATOR = "api-town-mediator";

    private Response view(String username, String id, long atLeast) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response r = getAs(username, "/api/disputes/" + id);
            return r.status() == 200 && r.body().get("version").asLong() >= atLeast;
        });
        return getAs(username, "/api/disputes/" + id);
    }

    private static List<String> actions(Response view) {
        List<String> names = new ArrayList<>();
        view.body().get("allowedActions").forEach(a -> names.add(a.asText()));
        return names;
    }

    @Test
    void theCaseOffersEachCallerTheStepsItsRoleAreaAndStatusAllow() {
        user(VILLAGE_MEDIATOR, "MEDIATOR", VILLAGE);
        user(TOWN_MEDIATOR, "MEDIATOR", TOWN);
        String id = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        assertThat(actions(view(VILLAGE_MEDIATOR, id, 0)))
                .containsExactly("screening", "withdrawal", "incidents");
        assertThat(actions(view(ANALYST, id, 0))).isEmpty();
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
        step(id, "escalation", Map.of("to", "TOWN", "reason", "涉及多村", "date", "2026-03-04"));

        // escalated to the town: the village may still withdraw or record an incident; only the town accepts
        Response village = view(VILLAGE_MEDIATOR, id, 2);
        assertThat(village.body().get("status").asText()).isEqualTo("ESCALATED");
        assertThat(actions(village)).containsExactly("withdrawal", "incidents");
        assertThat(actions(view(TOWN_MEDIATOR, id, 2)))
                .containsExactly("escalation/acceptance", "withdrawal", "incidents");
        assertThat(actions(view(AUDITOR, id, 2))).isEmpty();

        // and the server agrees with what it offered: the village's acceptance is refused, the town's taken
        Response refused = request("POST", "/api/disputes/" + id + "/escalation/acceptance",
                                   Map.of("date", "2026-03-05"), Map.of("Authorization", basic(VILLAGE_MEDIATOR),
                                                                        "Accept-Language", "zh-CN"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("title").asText()).isEqualTo("无权办理");
        assertThat(refused.body().get("errors").get(0).get("code").asText()).isEqualTo("id.outOfJurisdiction");
        Response accepted = request("POST", "/api/disputes/" + id + "/escalation/acceptance",
                                    Map.of("date", "2026-03-05"), Map.of("Authorization", basic(TOWN_MEDIATOR)));
        assertThat(accepted.status()).isEqualTo(200);
        Response town = view(TOWN_MEDIATOR, id, accepted.body().get("version").asLong());
        assertThat(actions(town)).containsExactly("screening", "mediation", "escalation", "withdrawal", "incidents");
        assertThat(actions(view(VILLAGE_MEDIATOR, id, 3))).as("handled by the town now").isEmpty();
        assertThat(town.body().get("handlingUnitName").asText()).isNotBlank().isNotEqualTo(TOWN);
        assertThat(town.body().get("villageName").asText()).isNotBlank().isNotEqualTo(VILLAGE);
    }

    @Test
    void theListsSplitCasesByStageAndFindThemByWordsOfTheSummary() {
        String word = "词" + newId().substring(0, 8);
        Map<String, Object> body = sampleRegistration(null);
        body.put("summary", "果园灌溉 " + word + " 用水纠纷");
        String resolved = post("/api/disputes", body).body().get("id").asText();
        step(resolved, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
        mediate(resolved, VILLAGE, "2026-03-04");
        step(resolved, "resolution", Map.of("form", "WRITTEN", "terms", "轮流用水", "date", "2026-03-05"));
        body.put("summary", "林地 " + word + " 边界");
        String open = post("/api/disputes", body).body().get("id").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> ids("stage=RESOLVED&q=" + word).contains(resolved)
                && ids("stage=OPEN&q=" + word).contains(open));
        assertThat(ids("stage=OPEN&q=" + word)).containsExactly(open);
        assertThat(ids("stage=RESOLVED&q=" + word)).containsExactly(resolved);
        assertThat(ids("stage=FAILED&q=" + word)).isEmpty();
        assertThat(ids("stage=OPEN&q=" + word + "%20林地")).containsExactly(open);
        assertThat(ids("stage=OPEN&q=" + word + "%20果园")).isEmpty();

        JsonNode item = getAs(MEDIATOR, "/api/disputes?stage=RESOLVED&q=" + word).body().get("items").get(0);
        assertThat(item.get("villageName").asText()).isNotBlank();
        Response bad = getAs(MEDIATOR, "/api/disputes?stage=LATER");
        assertThat(bad.status()).isEqualTo(400);
    }

    private List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        getAs(MEDIATOR, "/api/disputes?" + query).body().get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void theSameIdempotencyKeyAnswersAsTheFirstTimeAndRefusesAnotherRequest() {
        String id = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        String key = newId();
        Map<String, Object> screening = Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03");
        Response first = post("/api/disputes/" + id + "/screening", screening, Map.of("Idempotency-Key", key));
        Response again = post("/api/disputes/" + id + "/screening", screening, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        Response other = post("/api/disputes/" + id + "/screening",
                              Map.of("grade", "MAJOR", "decision", "ACCEPT", "date", "2026-03-03"),
                              Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");

        JsonNode events = get("/api/disputes/" + id + "/history").body().get("events");
        assertThat(events).as("one screening stored").hasSize(2);

        Map<String, Object> registration = sampleRegistration(null);
        String registrationKey = newId();
        Response registered = post("/api/disputes", registration, Map.of("Idempotency-Key", registrationKey));
        Response repeated = post("/api/disputes", registration, Map.of("Idempotency-Key", registrationKey));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.body().get("id").asText()).isEqualTo(registered.body().get("id").asText());
        assertThat(repeated.body().get("caseNumber").asText()).isEqualTo(registered.body().get("caseNumber").asText());
    }

    @Test
    void refusalsSpeakTheCallersLanguageAndCarryStableCodes() {
        Map<String, Object> body = sampleRegistration(null);
        body.put("parties", List.of(Map.of("role", "APPLICANT", "name", "王小明", "idNumber", "110105194912310021")));
        body.remove("summary");
        Response zh = post("/api/disputes", body, Map.of("Accept-Language", "zh-CN,zh;q=0.9"));
        Response en = post("/api/disputes", body, Map.of("Accept-Language", "en-GB"));
        Response none = post("/api/disputes", body);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(codes(zh)).containsExactlyInAnyOrder("summary.required", "idNumber.checkDigit");
        assertThat(codes(en)).isEqualTo(codes(zh));
        assertThat(message(zh, "idNumber.checkDigit")).contains("校验位");
        assertThat(message(zh, "summary.required")).isEqualTo("必填");
        assertThat(zh.body().get("title").asText()).isEqualTo("请求内容不符合要求");
        assertThat(message(en, "idNumber.checkDigit")).contains("check digit");
        assertThat(message(none, "summary.required")).isEqualTo("is required");

        String id = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        Response stale = post("/api/disputes/" + id + "/screening",
                              Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"),
                              Map.of("If-Match", "\"7\"", "Accept-Language", "zh"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("detail").asText()).contains("第 0 版").contains("刷新");
        Response illegal = post("/api/disputes/" + id + "/resolution",
                                Map.of("form", "ORAL", "terms", "和解", "date", "2026-03-03"),
                                Map.of("Accept-Language", "zh-CN"));
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.body().get("detail").asText()).isEqualTo("案件当前为“已登记”，不能记录调解成功");
        Response early = post("/api/disputes/" + id + "/screening",
                              Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-01"),
                              Map.of("Accept-Language", "zh-CN"));
        assertThat(early.status()).isEqualTo(400);
        assertThat(codes(early)).containsExactly("date.beforeLatest");
        assertThat(message(early, "date.beforeLatest")).isEqualTo("日期 2026-03-01 早于本案最近记录的日期 2026-03-02");
    }

    private static List<String> codes(Response problem) {
        List<String> codes = new ArrayList<>();
        problem.body().get("errors").forEach(e -> codes.add(e.get("code").asText()));
        return codes;
    }

    private static String message(Response problem, String code) {
        for (JsonNode error : problem.body().get("errors")) {
            if (error.get("code").asText().equals(code)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error " + code + " in " + problem.body());
    }
}
