package cn.mediation.app.privacy;

import cn.mediation.app.storage.MongoConnection;
import cn.mediation.app.support.AppTestBase;
import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.PartyRole;
import cn.mediation.core.dispute.ResidentIdNumber;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.query.dispute.PersonalDataReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dispute's whole life over HTTP with two parties' real-looking personal data, then its erasure, while everything
 * the application logs (at DEBUG, MongoDB commands included) and prints is captured: no ID number, phone or name
 * may appear in the logs, in any MongoDB collection of the application, or in any response. Masked forms are shown
 * until the erasure, nothing after it, and the figures do not change.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataScenarioTest extends AppTestBase {

    // a village and a year no other test uses, so the figures are this dispute's alone
    private static final String VILLAGE = "511922102002";
    private static final String TOWN = "511922102000";
    private static final String PERIOD = "&from=2024-01-01&to=2024-12-31";
    private static final String NAME_1 = "司马相如";
    private static final String NAME_2 = "上官婉儿";
    private static final String ID_1 = "51192219850615341" + ResidentIdNumber.checkCharacter("51192219850615341");
    private static final String ID_2 = "51192219920228562" + ResidentIdNumber.checkCharacter("51192219920228562");
    private static final String PHONE_1 = "13655501234";
    private static final String PHONE_2 = "15988807766";
    private static final List<String> PERSONAL = List.of(ID_1, ID_2, PHONE_1, PHONE_2, NAME_1, NAME_2);

    @Autowired
    private MongoConnection mongo;
    @Autowired
    private PersonalKeyVault vault;
    @Autowired
    private PersonalDataReader reader;

    private final List<String> responses = new ArrayList<>();

    private JsonNode ok(Response response) {
        responses.add(response.status() + " " + response.body());
        assertThat(response.status()).as(String.valueOf(response.body())).isBetween(200, 299);
        return response.body();
    }

    private JsonNode awaitGet(String path, Predicate<JsonNode> until) {
        return awaitGetAs(AUDITOR, path, until);
    }

    private JsonNode awaitGetAs(String user, String path, Predicate<JsonNode> until) {
        JsonNode body = await().atMost(Duration.ofSeconds(30)).until(() -> getAs(user, path),
                                                                     r -> r.status() == 200 && until.test(r.body()))
                               .body();
        return ok(new Response(200, body, "application/json", Map.of()));
    }

    private Map<String, Object> registration() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("villageCode", VILLAGE);
        body.put("field", "NEIGHBOURS");
        body.put("source", "APPLICATION");
        body.put("summary", "两户宅基地边界纠纷");
        body.put("date", "2024-05-06");
        body.put("peopleInvolved", 2);
        body.put("parties", List.of(
                Map.of("role", "APPLICANT", "name", NAME_1, "idNumber", ID_1, "phone", PHONE_1),
                Map.of("role", "RESPONDENT", "name", NAME_2, "idNumber", ID_2.toLowerCase(), "phone", PHONE_2)));
        return body;
    }

    @Test
    void personalDataNeverLeaksAndItsErasureLeavesTheFiguresAlone(CapturedOutput output) {
        String id;
        JsonNode figuresBefore;
        JsonNode townBefore;
        List<String> logged;
        try (LogCapture logs = LogCapture.start("scenario")) {
            // a wrong check digit is refused at the edge, naming the field, without echoing the number
            Map<String, Object> wrong = registration();
            String badId = ID_1.substring(0, 17) + (ID_1.charAt(17) == '1' ? '2' : '1');
            wrong.put("parties", List.of(Map.of("role", "APPLICANT", "name", NAME_1, "idNumber", badId)));
            Response refused = post("/api/disputes", wrong);
            responses.add(refused.status() + " " + refused.body());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().toString()).contains("parties[0].idNumber").doesNotContain(badId);

            id = ok(post("/api/disputes", registration())).get("id").asText();
            step(id, "screening", Map.of("grade", "MAJOR", "decision", "ACCEPT", "date", "2024-05-07"));
            step(id, "mediation", Map.of("committeeId", "C" + VILLAGE, "mediatorIds", List.of("C" + VILLAGE + "-M1"),
                                         "channel", "PEOPLES", "date", "2024-05-08"));
            step(id, "sessions", Map.of("attendees", List.of(NAME_1, NAME_2), "notes", "第一次调解",
                                        "date", "2024-05-09"));
            step(id, "resolution", Map.of("form", "WRITTEN", "terms", "重新划定边界", "amount", 800,
                                          "date", "2024-05-10"));
            step(id, "fulfilment", Map.of("fulfilled", true, "date", "2024-05-20"));
            step(id, "follow-up", Map.of("satisfaction", 5, "date", "2024-05-25"));

            JsonNode view = awaitGet("/api/disputes/" + id, v -> v.path("satisfaction").asInt() == 5);
            JsonNode applicant = view.get("parties").get(0);
            assertThat(applicant.get("name").asText()).isEqualTo("司***");
            assertThat(applicant.get("idNumber").asText()).isEqualTo("511922********" + ID_1.substring(14));
            assertThat(applicant.get("phone").asText()).isEqualTo("136****1234");
            assertThat(view.get("personalDataErased").asBoolean()).isFalse();
            assertThat(reader.partiesOf(id)).contains(List.of(
                    new Party(PartyRole.APPLICANT, NAME_1, ID_1, PHONE_1),
                    new Party(PartyRole.RESPONDENT, NAME_2, ID_2, PHONE_2)));
            ok(get("/api/disputes/" + id + "/history"));
            ok(get("/api/disputes?region=" + VILLAGE));
            ok(get("/api/disputes?handlingUnit=" + VILLAGE + "&status=RESOLVED"));
            figuresBefore = awaitGet("/api/statistics?region=" + VILLAGE + PERIOD,
                                     s -> s.path("figures").path("satisfaction").isNumber());
            townBefore = ok(get("/api/statistics?region=" + TOWN + PERIOD));
            ok(get("/api/statistics/cases?region=" + VILLAGE + PERIOD + "&figure=resolved"));

            // erase, twice: the second changes nothing
            JsonNode erased = ok(delete("/api/disputes/" + id + "/personal-data", Map.of()));
            JsonNode again = ok(delete("/api/disputes/" + id + "/personal-data", Map.of()));
            assertThat(again.get("version")).isEqualTo(erased.get("version"));
            assertThat(vault.isErased(id)).isTrue();

            JsonNode after = awaitGet("/api/disputes/" + id, v -> v.path("personalDataErased").asBoolean());
            after.get("parties").forEach(party -> {
                assertThat(party.get("name").isNull()).isTrue();
                assertThat(party.get("idNumber").isNull()).isTrue();
                assertThat(party.get("phone").isNull()).isTrue();
            });
            assertThat(after.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(reader.partiesOf(id).orElseThrow()).extracting(Party::name, Party::idNumber, Party::phone)
                                                          .containsOnly(org.assertj.core.groups.Tuple.tuple(null, null,
                                                                                                            null));
            JsonNode history = awaitGet("/api/disputes/" + id + "/history", h -> {
                JsonNode events = h.get("events");
                return events.get(events.size() - 1).path("globalSequence").isNumber();
            });
            JsonNode events = history.get("events");
            assertThat(events.get(0).get("summary").asText()).contains("当事人个人信息已删除");
            assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("PersonalDataErased");
            long erasure = events.get(events.size() - 1).get("globalSequence").asLong();
            awaitGetAs(ADMIN, "/api/admin/projections", p -> {
                for (JsonNode projection : p.get("projections")) {
                    if (projection.path("position").asLong(-1) < erasure) {
                        return false;
                    }
                }
                return true;
            });
            assertThat(ok(get("/api/statistics?region=" + VILLAGE + PERIOD))).isEqualTo(figuresBefore);
            assertThat(ok(get("/api/statistics?region=" + TOWN + PERIOD))).isEqualTo(townBefore);
            ok(get("/api/disputes/" + id + "?asOf=" + java.time.Instant.now()));
            logged = logs.lines();
        }

        assertThat(logged).as("captured log lines").hasSizeGreaterThan(100)
                          .anySatisfy(line -> assertThat(line).contains(id));
        MongoDatabase database = mongo.database();
        for (String value : PERSONAL) {
            assertThat(logged.stream().filter(line -> line.contains(value)).toList()).as("log lines").isEmpty();
            assertThat(output.getAll().contains(value)).as("standard output and error show one").isFalse();
            assertThat(responses.stream().filter(body -> body.contains(value)).toList()).as("responses").isEmpty();
            for (String collection : database.listCollectionNames()) {
                if (collection.equals(PersonalKeyVault.COLLECTION)) {
                    continue;
                }
                database.getCollection(collection).find().forEach(document -> assertThat(document.toJson())
                        .as("a document of " + collection).doesNotContain(value));
            }
        }
        assertThat(figuresBefore.get("figures").get("resolved").asLong()).isEqualTo(1);
    }
}
