package cn.mediation.app.api;

import cn.mediation.app.storage.MongoConnection;
import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' verification over HTTP: the application's own store is intact, and an event document edited
 * behind the application's back is named.
 */
class AuditApiTest extends AppTestBase {

    @Autowired
    private MongoConnection mongo;

    @Test
    void theStoreIsIntactUntilAnEventDocumentIsEditedAndThenThatEventIsNamed() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Response registered = post("/api/disputes", DisputeApiTest.registration(null));
            assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
            ids.add(registered.body().get("id").asText());
        }
        Response screened = post("/api/disputes/" + ids.get(1) + "/screening",
                                 java.util.Map.of("grade", "ORDINARY", "decision", "ACCEPT", "groupRisk", false,
                                                  "date", "2026-03-03"));
        assertThat(screened.status()).as(String.valueOf(screened.body())).isBetween(200, 299);

        JsonNode intact = verify();
        assertThat(intact.get("findings")).as("findings").isEmpty();
        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(intact.get("events").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(intact.get("aggregates").asLong()).isGreaterThanOrEqualTo(3);

        MongoCollection<Document> events = mongo.database().getCollection("events");
        Document original = events.find(and(eq("aggregateIdentifier", ids.get(1)), eq("sequenceNumber", 0L))).first();
        assertThat(original).isNotNull();
        Document edited = new Document(original);
        edited.put("payload", new Document(original.get("payload", Document.class)).append("summary", "改过的摘要"));
        events.replaceOne(eq("_id", original.get("_id")), edited);
        try {
            JsonNode report = verify();
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("findings")).hasSize(1);
            JsonNode finding = report.get("findings").get(0);
            assertThat(finding.get("kind").asText()).isEqualTo("EDITED");
            assertThat(finding.get("globalSequence").asLong()).isEqualTo(original.getLong("_id"));
            assertThat(finding.get("aggregateIdentifier").asText()).isEqualTo(ids.get(1));
            assertThat(finding.get("sequenceNumber").asLong()).isZero();
            assertThat(finding.get("eventIdentifier").asText()).isEqualTo(original.getString("eventIdentifier"));

            user("audit-own-town", "AUDITOR", "511902101000");
            user("audit-other-town", "AUDITOR", "511902102000");
            JsonNode own = getAs("audit-own-town", "/api/admin/audit/verify").body();
            assertThat(own.get("findings")).hasSize(1);
            JsonNode other = getAs("audit-other-town", "/api/admin/audit/verify").body();
            assertThat(other.get("findings")).as("another area's finding is not shown").isEmpty();
            assertThat(other.get("intact").asBoolean()).isTrue();
        } finally {
            // the application is shared with other tests, which may replay the log
            events.replaceOne(eq("_id", original.get("_id")), original);
        }
        assertThat(verify().get("intact").asBoolean()).as("intact again once restored").isTrue();
    }

    private JsonNode verify() {
        Response response = get("/api/admin/audit/verify");
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }
}
