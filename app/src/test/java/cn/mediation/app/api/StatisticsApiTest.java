package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import cn.mediation.app.storage.MongoConnection;
import cn.mediation.query.admin.OutdatedReadModels;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statistics, case lists, history, point-in-time views, drill-through, verification and rebuild, over real HTTP.
 * Works in its own village and in 2025, apart from the other tests' disputes.
 */
class StatisticsApiTest extends AppTestBase {

    static final String VILLAGE = "511923102003";
    static final String TOWN = "511923102000";
    static final String PERIOD = "&from=2025-01-01&to=2025-12-31";

    private String register(String source, String date) {
        return register(VILLAGE, "NEIGHBOURS", source, date);
    }

    private JsonNode statistics(String query) {
        Response response = get("/api/statistics?" + query);
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }

    @Test
    void figuresListsHistoryAndPointInTimeViewsAgreeWithWhatWasRecorded() {
        String local = register("SWEEP", "2025-02-01");
        step(local, "screening", Map.of("grade", "MAJOR", "decision", "ACCEPT", "date", "2025-02-02"));
        Instant beforeResolution = Instant.now();
        mediate(local, VILLAGE, "2025-02-03");
        step(local, "resolution", Map.of("form", "WRITTEN", "terms", "赔偿", "date", "2025-02-10"));
        step(local, "follow-up", Map.of("satisfaction", 4, "date", "2025-03-01"));

        String escalated = register("APPLICATION", "2025-02-02");
        step(escalated, "screening", Map.of("grade", "SIGNIFICANT", "decision", "ACCEPT", "date", "2025-02-02"));
        mediate(escalated, VILLAGE, "2025-02-03");
        step(escalated, "failure", Map.of("reason", "分歧大", "date", "2025-02-05"));
        step(escalated, "escalation", Map.of("to", "TOWN", "reason", "上交", "date", "2025-02-06"));
        step(escalated, "escalation/acceptance", Map.of("date", "2025-02-07"));
        mediate(escalated, TOWN, "2025-02-08");
        step(escalated, "resolution", Map.of("form", "ORAL", "terms", "和解", "date", "2025-02-20"));
        step(escalated, "follow-up", Map.of("satisfaction", 5, "date", "2025-03-02"));

        String open = register("APPLICATION", "2025-02-03");
        step(open, "incidents", Map.of("kind", "GROUP_INCIDENT", "date", "2025-02-04"));
        for (String date : new String[]{"2025-01-15", "2025-02-15"}) {
            Response sweep = post("/api/sweeps", Map.of("villageCode", VILLAGE, "found", 1, "date", date));
            assertThat(sweep.status()).isEqualTo(201);
        }

        JsonNode year = await().atMost(Duration.ofSeconds(30))
                               .until(() -> statistics("region=" + VILLAGE + PERIOD),
                                      s -> s.path("figures").path("satisfaction").isNumber()
                                              && s.path("figures").path("sweeps").asLong() == 2
                                              && s.path("figures").path("groupIncidents").asLong() == 1);
        JsonNode figures = year.get("figures");
        assertThat(figures.get("registered").asLong()).isEqualTo(3);
        assertThat(figures.get("found").asLong()).isEqualTo(1);
        assertThat(figures.get("resolved").asLong()).isEqualTo(2);
        assertThat(figures.get("failed").asLong()).isEqualTo(0);
        assertThat(figures.get("mediated").asLong()).isEqualTo(2);
        assertThat(figures.get("successRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(figures.get("majorResolved").asLong()).isEqualTo(1);
        assertThat(figures.get("escalated").asLong()).isEqualTo(1);
        assertThat(figures.get("keptLocalRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(figures.get("open").asLong()).isEqualTo(1);
        assertThat(figures.get("overdue").asLong()).isEqualTo(1);
        assertThat(figures.get("satisfaction").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(figures.get("meanDaysToResolve").decimalValue()).isEqualByComparingTo("13.5");
        assertThat(figures.get("medianDaysToResolve").decimalValue()).isEqualByComparingTo("13.5");
        assertThat(figures.get("civilToCriminal").asLong()).isEqualTo(0);
        List<String> keys = new ArrayList<>();
        figures.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("sweeps", "found", "registered", "mediated", "resolved", "failed",
                                         "successRate", "majorResolved", "escalated", "keptLocalRate", "open",
                                         "overdue", "groupIncidents", "civilToCriminal", "satisfaction",
                                         "meanDaysToResolve", "medianDaysToResolve");
        assertThat(year.get("linkage").get(0).get("from").asText()).isEqualTo("VILLAGE");
        assertThat(year.get("linkage").get(0).get("to").asText()).isEqualTo("TOWN");
        assertThat(year.get("region").get("level").asText()).isEqualTo("VILLAGE");
        assertThat(year.get("byField")).hasSize(18);

        // in February alone the failure of the 5th and the resolution of the 20th cancel out
        JsonNode town = statistics("region=" + TOWN + "&from=2025-02-05&to=2025-02-05");
        assertThat(town.get("figures").get("failed").asLong()).isEqualTo(1);
        assertThat(town.get("children")).anySatisfy(child -> {
            assertThat(child.get("region").get("code").asText()).isEqualTo(VILLAGE);
            assertThat(child.get("figures").get("failed").asLong()).isEqualTo(1);
        });

        JsonNode drill = get("/api/statistics/cases?region=" + VILLAGE + PERIOD + "&figure=resolved").body();
        assertThat(drill.get("total").asInt()).isEqualTo(2);
        List<String> drilled = new ArrayList<>();
        drill.get("items").forEach(item -> drilled.add(item.get("id").asText()));
        assertThat(drilled).containsExactlyInAnyOrder(local, escalated);

        JsonNode overdueList = await().atMost(Duration.ofSeconds(20))
                                      .until(() -> get("/api/disputes?region=" + VILLAGE + "&overdue=true").body(),
                                             body -> body.path("total").asInt() == 1);
        assertThat(overdueList.get("items").get(0).get("id").asText()).isEqualTo(open);
        assertThat(overdueList.get("items").get(0).get("overdueColour").asText()).isEqualTo("red");
        JsonNode resolvedList = get("/api/disputes?region=" + TOWN + "&status=RESOLVED").body();
        assertThat(resolvedList.get("total").asInt()).isEqualTo(2);

        JsonNode history = get("/api/disputes/" + escalated + "/history").body();
        assertThat(history.get("events")).hasSize(9);
        history.get("events").forEach(event -> {
            assertThat(event.get("actor").asText()).isEqualTo("mediator-wang");
            assertThat(event.get("globalSequence").asLong()).isPositive();
            assertThat(event.get("summary").asText()).isNotBlank().doesNotContain("王小明");
        });
        assertThat(history.get("events").get(5).get("type").asText()).isEqualTo("EscalationAccepted");

        JsonNode then = get("/api/disputes/" + local + "?asOf=" + beforeResolution).body();
        assertThat(then.get("status").asText()).isEqualTo("ACCEPTED");
        JsonNode thenFigures = statistics("region=" + VILLAGE + PERIOD + "&asOf=" + beforeResolution).get("figures");
        assertThat(thenFigures.get("resolved").asLong()).isEqualTo(0);
        assertThat(thenFigures.get("registered").asLong()).isEqualTo(1);

        JsonNode verify = get("/api/admin/projections/verify").body();
        assertThat(verify.get("differences")).isEmpty();
        assertThat(verify.get("ok").asBoolean()).isTrue();

        Response rebuild = postAs(ADMIN, "/api/admin/projections/statistics/rebuild", Map.of());
        assertThat(rebuild.status()).isEqualTo(202);
        JsonNode rebuilt = await().atMost(Duration.ofSeconds(60))
                                  .until(() -> statistics("region=" + VILLAGE + PERIOD),
                                         s -> s.get("figures").equals(figures));
        assertThat(rebuilt.get("figures")).isEqualTo(figures);
        await().atMost(Duration.ofSeconds(60)).until(() -> getAs(ADMIN, "/api/admin/projections").body(),
                                                     body -> {
                                                         for (JsonNode p : body.get("projections")) {
                                                             if (p.get("name").asText().equals("statistics")) {
                                                                 return p.get("caughtUp").asBoolean();
                                                             }
                                                         }
                                                         return false;
                                                     });
        assertThat(get("/api/admin/projections/verify").body().get("differences")).isEmpty();
    }

    @Test
    void aStoreInAnOlderShapeIsRebuiltFromTheLogAtStartUp() {
        String id = register("APPLICATION", "2025-05-06");
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2025-05-06"));
        mediate(id, VILLAGE, "2025-05-07");
        step(id, "resolution", Map.of("form", "ORAL", "terms", "和解", "date", "2025-05-20"));
        String query = "region=" + CITY + "&from=2025-05-01&to=2025-12-31";
        JsonNode figures = await().atMost(Duration.ofSeconds(30)).until(
                () -> statistics(query).get("figures"), f -> f.get("resolved").asLong() >= 1);
        assertThat(outdatedReadModels.rebuildOutdated()).as("a store in the current shape is left alone").isFalse();

        // what an older version left: buckets without the sections this one reads, and no mark of their shape
        MongoDatabase database = mongo.database();
        database.getCollection("stat_buckets").updateMany(new Document(), new Document("$unset", new Document("q", "")));
        database.getCollection("stat_meta").deleteOne(new Document("_id", "format"));
        assertThat(statistics(query).get("figures")).isNotEqualTo(figures);

        assertThat(outdatedReadModels.rebuildOutdated()).isTrue();
        JsonNode rebuilt = await().atMost(Duration.ofSeconds(60)).until(() -> statistics(query).get("figures"),
                                                                         figures::equals);
        assertThat(rebuilt).isEqualTo(figures);
        assertThat(outdatedReadModels.rebuildOutdated()).as("marked with the current shape again").isFalse();
    }

    @Autowired
    private OutdatedReadModels outdatedReadModels;
    @Autowired
    private MongoConnection mongo;

    @Test
    void badStatisticsQueriesNameTheParameter() {
        Response badRegion = get("/api/statistics?region=51190&from=2025-01-01&to=2025-01-31");
        assertThat(badRegion.status()).isEqualTo(400);
        assertThat(badRegion.body().get("errors").get(0).get("field").asText()).isEqualTo("region");
        Response noRegion = get("/api/statistics?from=2025-01-01&to=2025-01-31");
        assertThat(noRegion.body().get("region").get("code").asText()).as("the caller's own area").isEqualTo(CITY);
        Response badDate = get("/api/statistics?region=" + VILLAGE + "&from=2025-13-01&to=2025-01-31");
        assertThat(badDate.body().get("errors").get(0).get("field").asText()).isEqualTo("from");
        Response reversed = get("/api/statistics?region=" + VILLAGE + "&from=2025-02-01&to=2025-01-31");
        assertThat(reversed.body().get("errors").get(0).get("field").asText()).isEqualTo("to");
        Response badFigure = get("/api/statistics/cases?region=" + VILLAGE + PERIOD + "&figure=nonsense");
        assertThat(badFigure.status()).isEqualTo(400);
        assertThat(badFigure.body().get("errors").get(0).get("field").asText()).isEqualTo("figure");
    }
}
