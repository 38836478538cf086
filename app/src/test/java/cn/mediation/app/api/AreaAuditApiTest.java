package cn.mediation.app.api;

import cn.mediation.app.storage.MongoConnection;
import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A village auditor's verifications report its village: the log check counts the events and aggregates of its own
 * records and names the findings about them, never the city's totals or another area's findings; the replay check
 * names the differences of its own area's figures only.
 */
class AreaAuditApiTest extends AppTestBase {

    private static final String VILLAGE = "511921102002";
    private static final String VILLAGE_AUDITOR = "auditor-village-511921102002";

    @Autowired
    private MongoConnection mongo;

    @Test
    void aVillageAuditorsVerificationCountsAndNamesItsVillageOnly() {
        user(VILLAGE_AUDITOR, "AUDITOR", VILLAGE);
        String first = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        String second = register(VILLAGE, "NEIGHBOURS", "APPLICATION", "2026-03-03");
        step(second, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "groupRisk", false,
                                         "date", "2026-03-04"));
        awaitCaughtUp();

        // what the village holds in the log: its disputes' events and its committee's
        java.util.Set<String> villageDisputes = new java.util.HashSet<>();
        mongo.database().getCollection("dispute_views").find(eq("villageCode", VILLAGE))
             .forEach(view -> villageDisputes.add(view.getString("_id")));
        assertThat(villageDisputes).contains(first, second);
        MongoCollection<Document> events = mongo.database().getCollection("events");
        long villageEvents = 0;
        java.util.Set<String> villageAggregates = new java.util.HashSet<>();
        for (Document event : events.find()) {
            String aggregate = event.getString("aggregateIdentifier");
            if (event.get("type") != null && aggregate != null
                    && (villageDisputes.contains(aggregate) || aggregate.startsWith("C" + VILLAGE))) {
                villageEvents++;
                villageAggregates.add(aggregate);
            }
        }
        assertThat(villageEvents).isGreaterThanOrEqualTo(3);

        JsonNode village = verifyAs(VILLAGE_AUDITOR);
        assertThat(village.get("intact").asBoolean()).isTrue();
        assertThat(village.get("events").asLong()).isEqualTo(villageEvents);
        assertThat(village.get("aggregates").asLong()).isEqualTo(villageAggregates.size());
        assertThat(village.get("days").asLong()).as("the sealed days are the city's").isZero();
        JsonNode city = verifyAs(AUDITOR);
        assertThat(city.get("events").asLong()).isGreaterThan(villageEvents);
        assertThat(city.get("aggregates").asLong()).isGreaterThan(villageAggregates.size());

        // an edit in the village is named to its auditor; an edit elsewhere is not
        String elsewhere = register("511902101001", "NEIGHBOURS", "SWEEP", "2026-03-02");
        Document ours = events.find(and(eq("aggregateIdentifier", second), eq("sequenceNumber", 1L))).first();
        Document theirs = events.find(and(eq("aggregateIdentifier", elsewhere), eq("sequenceNumber", 0L))).first();
        try {
            for (Document original : List.of(ours, theirs)) {
                Document edited = new Document(original);
                edited.put("payload", new Document(original.get("payload", Document.class)).append("edited", true));
                events.replaceOne(eq("_id", original.get("_id")), edited);
            }
            JsonNode tampered = verifyAs(VILLAGE_AUDITOR);
            assertThat(tampered.get("intact").asBoolean()).isFalse();
            assertThat(tampered.get("findings")).hasSize(1);
            assertThat(tampered.get("findings").get(0).get("aggregateIdentifier").asText()).isEqualTo(second);
            assertThat(tampered.get("events").asLong()).isEqualTo(villageEvents);
        } finally {
            // the application is shared with other tests, which verify the log too
            for (Document original : List.of(ours, theirs)) {
                events.replaceOne(eq("_id", original.get("_id")), original);
            }
        }
        assertThat(verifyAs(VILLAGE_AUDITOR).get("intact").asBoolean()).isTrue();
    }

    @Test
    void aVillageAuditorsReplayCheckNamesItsVillagesDifferencesOnly() {
        user(VILLAGE_AUDITOR, "AUDITOR", VILLAGE);
        register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        register("511902101001", "NEIGHBOURS", "SWEEP", "2026-03-02");
        MongoCollection<Document> buckets = mongo.database().getCollection("stat_buckets");
        List<String> tampered = List.of(VILLAGE + "|2026-03", "511902101001|2026-03");
        awaitCaughtUp();
        try {
            // a figure the events do not give, in the village's bucket and in another area's
            tampered.forEach(id -> buckets.updateOne(eq("_id", id), new Document("$set", new Document("forged", 7))));
            JsonNode village = replayCheckAs(VILLAGE_AUDITOR);
            assertThat(village.get("ok").asBoolean()).isFalse();
            assertThat(village.get("differences")).extracting(d -> d.get("path").asText())
                                                  .containsExactly(VILLAGE + "|2026-03/forged");
            JsonNode city = replayCheckAs(AUDITOR);
            assertThat(city.get("differences")).extracting(d -> d.get("path").asText())
                                               .contains(VILLAGE + "|2026-03/forged", "511902101001|2026-03/forged");
        } finally {
            tampered.forEach(id -> buckets.updateOne(eq("_id", id), new Document("$unset", new Document("forged", ""))));
            // answers are kept per log position: move the log on, so that no later check gets the tampered one
            register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        }
    }

    @Test
    void theReplayCheckNamesARosterTheEventsDoNotGive() {
        user(VILLAGE_AUDITOR, "AUDITOR", VILLAGE);
        String other = "511902101001";
        // move the log on, so that no answer kept from before the tampering is given
        register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        awaitCaughtUp();
        MongoCollection<Document> committees = mongo.database().getCollection("committee_views");
        Document ours = committees.find(eq("_id", "C" + VILLAGE)).first();
        Document theirs = committees.find(eq("_id", "C" + other)).first();
        assertThat(ours).isNotNull();
        assertThat(theirs).isNotNull();
        try {
            // a committee of a kind it never was, and another area's committee a day older than it is
            committees.updateOne(eq("_id", "C" + VILLAGE), new Document("$set", new Document("kind", "ENTERPRISE")));
            committees.updateOne(eq("_id", "C" + other), new Document("$set", new Document("established", "1999-12-31")));
            JsonNode village = replayCheckAs(VILLAGE_AUDITOR);
            assertThat(village.get("ok").asBoolean()).isFalse();
            assertThat(village.get("differences")).extracting(d -> d.get("path").asText())
                                                  .containsExactly(VILLAGE + "/committee C" + VILLAGE + "/kind");
            JsonNode difference = village.get("differences").get(0);
            assertThat(difference.get("projection").asText()).isEqualTo("committees");
            assertThat(difference.get("replayed").asText()).isEqualTo("VILLAGE");
            assertThat(difference.get("live").asText()).isEqualTo("ENTERPRISE");
            JsonNode city = replayCheckAs(AUDITOR);
            assertThat(city.get("differences")).extracting(d -> d.get("path").asText())
                                               .contains(VILLAGE + "/committee C" + VILLAGE + "/kind",
                                                         other + "/committee C" + other + "/established");
        } finally {
            committees.replaceOne(eq("_id", ours.get("_id")), ours);
            committees.replaceOne(eq("_id", theirs.get("_id")), theirs);
            register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        }
        awaitCaughtUp();
        assertThat(replayCheckAs(AUDITOR).get("ok").asBoolean()).isTrue();
        // the check's scratch copy is gone
        assertThat(mongo.database().listCollectionNames()).noneMatch(name -> name.startsWith("replay_"));
    }

    /** Waits until every projection has handled the log's last event. */
    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Response status = getAs(ADMIN, "/api/admin/projections");
            if (status.status() != 200) {
                return false;
            }
            for (JsonNode projection : status.body().get("projections")) {
                if (projection.has("caughtUp") && !projection.get("caughtUp").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    private JsonNode replayCheckAs(String user) {
        Response response = getAs(user, "/api/admin/projections/verify");
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }

    private JsonNode verifyAs(String user) {
        Response response = getAs(user, "/api/admin/audit/verify");
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }
}
