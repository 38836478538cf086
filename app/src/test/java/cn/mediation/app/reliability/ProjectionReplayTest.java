package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resetting every processor to the start of the log and letting it run again gives the same figures, lists and
 * views: the read models are a function of the log alone. A varied set of disputes (three villages of two towns,
 * every outcome, an escalation accepted and resolved at the town, one still waiting in the town's inbox, a major
 * case, sweeps) is read through the API before and after the rebuild of each processor
 * {@code GET /api/admin/projections} lists, and the answers must be equal as JSON. No field is ignored: none of
 * these answers depends on the time of the call.
 */
class ProjectionReplayTest extends AppTestBase {

    private static final String COUNTY = "511921000000";
    private static final String TOWN_ONE = "511921101000";
    private static final String TOWN_TWO = "511921102000";
    private static final List<String> VILLAGES = List.of("511921101001", "511921101002", "511921102001");
    private static final String FROM = "2026-01-01";
    private static final String TO = "2026-12-31";

    private final List<String> disputes = new ArrayList<>();

    @Test
    void rebuildingEveryProcessorFromTheStartOfTheLogGivesTheSameAnswers() {
        for (int i = 0; i < VILLAGES.size(); i++) {
            varietyOfCases(VILLAGES.get(i), i);
        }
        awaitCaughtUp();
        Map<String, JsonNode> before = answers();

        JsonNode projections = getAs(ADMIN, "/api/admin/projections").body().get("projections");
        assertThat(projections).isNotEmpty();
        for (JsonNode processor : projections) {
            String name = processor.get("name").asText();
            assertThat(postAs(ADMIN, "/api/admin/projections/" + name + "/rebuild", null).status())
                    .as("rebuild of " + name).isEqualTo(202);
        }
        awaitCaughtUp();
        Map<String, JsonNode> after = answers();

        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((path, answer) -> assertThat(after.get(path)).as(path).isEqualTo(answer));
        assertThat(get("/api/admin/projections/verify").body().get("differences")).isEmpty();
    }

    /** Every outcome once in the village, dated in March (offset per village so the months and days differ). */
    private void varietyOfCases(String village, int offset) {
        String town = village.substring(0, 9) + "000";
        String day = "2026-0" + (3 + offset) + "-";
        ok(post("/api/sweeps", Map.of("villageCode", village, "found", 2 + offset, "date", day + "01")));

        register(village, day + "02", "MARRIAGE_FAMILY");                                           // registered only
        String declined = register(village, day + "02", "NEIGHBOURS");
        ok(post("/api/disputes/" + declined + "/screening",
                Map.of("grade", "ORDINARY", "decision", "DECLINE", "reason", "不属于调解范围", "date", day + "03")));
        String mediating = screened(village, day, "ORDINARY");
        mediate(mediating, "C" + village, "C" + village + "-M1", day + "04");
        String resolved = screened(village, day, "MAJOR");
        mediate(resolved, "C" + village, "C" + village + "-M2", day + "04");
        ok(post("/api/disputes/" + resolved + "/resolution",
                Map.of("form", "WRITTEN", "terms", "赔偿", "amount", 300 + offset, "date", day + "05")));
        ok(post("/api/disputes/" + resolved + "/follow-up", Map.of("satisfaction", 4, "date", day + "10")));
        ok(post("/api/disputes/" + resolved + "/closure", Map.of("date", day + "11")));
        String escalated = screened(village, day, "ORDINARY");
        mediate(escalated, "C" + village, "C" + village + "-M1", day + "04");
        ok(post("/api/disputes/" + escalated + "/failure", Map.of("reason", "分歧较大", "date", day + "05")));
        ok(post("/api/disputes/" + escalated + "/escalation",
                Map.of("to", "TOWN", "reason", "村级调解不成", "date", day + "06")));
        if (offset == 0) {
            return; // one escalation stays in the town's inbox
        }
        ok(post("/api/disputes/" + escalated + "/escalation/acceptance", Map.of("date", day + "07")));
        mediate(escalated, "C" + town, "C" + town + "-M1", day + "08");
        ok(post("/api/disputes/" + escalated + "/resolution",
                Map.of("form", "ORAL", "terms", "和解", "date", day + "09")));
        String withdrawn = screened(village, day, "ORDINARY");
        ok(post("/api/disputes/" + withdrawn + "/withdrawal", Map.of("reason", "申请人撤回", "date", day + "05")));
    }

    private String register(String village, String date, String field) {
        String id = newId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("villageCode", village);
        body.put("field", field);
        body.put("source", "APPLICATION");
        body.put("summary", "重放测试纠纷");
        body.put("date", date);
        body.put("peopleInvolved", 3);
        body.put("parties", List.of(Map.of("role", "APPLICANT", "name", "测试乙")));
        ok(post("/api/disputes", body));
        disputes.add(id);
        return id;
    }

    private String screened(String village, String day, String grade) {
        String id = register(village, day + "02", "CONTRACT");
        ok(post("/api/disputes/" + id + "/screening", Map.of("grade", grade, "decision", "ACCEPT", "date", day + "03")));
        return id;
    }

    private void mediate(String id, String committee, String mediator, String date) {
        ok(post("/api/disputes/" + id + "/mediation", Map.of("committeeId", committee, "mediatorIds", List.of(mediator),
                                                             "channel", "PEOPLES", "date", date)));
    }

    /** What the read side answers about these disputes: figures at all four levels, lists, the inbox, views. */
    private Map<String, JsonNode> answers() {
        List<String> paths = new ArrayList<>();
        for (String region : List.of(CITY, COUNTY, TOWN_ONE, TOWN_TWO, VILLAGES.get(0), VILLAGES.get(2))) {
            paths.add("/api/statistics?region=" + region + "&from=" + FROM + "&to=" + TO);
        }
        paths.add("/api/statistics?region=" + COUNTY + "&from=2026-04-01&to=2026-04-30");
        paths.add("/api/statistics/trend?region=" + COUNTY + "&from=" + FROM + "&to=" + TO);
        paths.add("/api/disputes?region=" + COUNTY + "&size=100");
        paths.add("/api/disputes?region=" + COUNTY + "&status=RESOLVED&size=100");
        paths.add("/api/disputes?handlingUnit=" + TOWN_ONE + "&status=ESCALATED&size=100");
        paths.add("/api/committees?region=" + TOWN_ONE);
        disputes.forEach(id -> paths.add("/api/disputes/" + id));
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String path : paths) {
            Response response = get(path);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
            answers.put(path, response.body());
        }
        return answers;
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode projections = getAs(ADMIN, "/api/admin/projections").body().get("projections");
            boolean all = true;
            for (JsonNode processor : projections) {
                all &= processor.path("caughtUp").asBoolean(false);
            }
            return all;
        });
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(String.valueOf(response.body())).isBetween(200, 299);
        return response.body();
    }
}
