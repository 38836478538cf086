package cn.mediation.app.api;

import cn.mediation.app.storage.MongoConnection;
import cn.mediation.app.support.AppTestBase;
import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditVerifier;
import cn.mediation.core.audit.EventHash;
import cn.mediation.core.eventstore.EventLogImport;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.privacy.PersonalDataCodec;
import cn.mediation.core.privacy.PersonalKeyVault;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.testing.Revision1Fixtures;
import cn.mediation.core.upcasting.Upcasters;
import cn.mediation.query.committee.CommitteeQueries;
import cn.mediation.query.statistics.StatisticsProjection;
import cn.mediation.query.statistics.StatisticsReplay;
import cn.mediation.query.statistics.StatisticsService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schema change and the log's export and import, over real HTTP on the running application: stored events of
 * {@code DisputeResolvedEvent} revision 1 show correctly in history, views and statistics, also after a rebuild,
 * and keep the audit chain intact; the exported log imports into a fresh database with identical documents and
 * hashes and replays to identical figures; the application refuses an import into its non-empty store (409) and a
 * broken log (422, naming the line).
 */
class EventLogApiTest extends AppTestBase {

    private static final String FIXTURE_VILLAGE = "511902101001";
    private static final String JUNE_2025 = "&from=2025-06-01&to=2025-06-30";

    @Autowired
    private MongoConnection mongo;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    @Qualifier("snapshotSerializer")
    private Serializer snapshotSerializer;
    @Autowired
    private StatisticsProjection statisticsProjection;
    @Autowired
    private RegionDirectory regions;
    @Autowired
    private CommitteeQueries committees;
    @Autowired
    private Clock clock;
    @Autowired
    private ObjectMapper objectMapper;

    @Test
    void revisionOneEventsShowInHistoryViewAndStatisticsAlsoAfterARebuild() {
        JsonNode before = statistics("region=" + FIXTURE_VILLAGE + JUNE_2025).get("figures");
        Map<Long, Long> globals = Revision1Fixtures.appendInto(mongo.database());

        // the projections track the old events in like any others
        JsonNode view = await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/disputes/" + Revision1Fixtures.WITHOUT_AMOUNT),
                r -> r.status() == 200 && "RESOLVED".equals(r.body().path("status").asText())).body();
        assertThat(view.get("villageCode").asText()).isEqualTo(FIXTURE_VILLAGE);

        JsonNode history = get("/api/disputes/" + Revision1Fixtures.WITH_AMOUNT + "/history").body();
        JsonNode events = history.get("events");
        assertThat(events).hasSize(5);
        assertThat(events.get(3).get("type").asText()).isEqualTo("DisputeResolved");
        assertThat(events.get(3).get("summary").asText()).contains("书面协议").contains("金额 3200.50 元");
        assertThat(events.get(3).get("date").asText()).isEqualTo("2025-06-10");
        assertThat(events.get(3).get("globalSequence").asLong()).isEqualTo(globals.get(4L));
        JsonNode oral = get("/api/disputes/" + Revision1Fixtures.WITHOUT_AMOUNT + "/history").body().get("events");
        assertThat(oral.get(3).get("summary").asText()).contains("口头协议").doesNotContain("金额");

        JsonNode after = await().atMost(Duration.ofSeconds(30)).until(
                () -> statistics("region=" + FIXTURE_VILLAGE + JUNE_2025).get("figures"),
                f -> f.get("resolved").asLong() == before.get("resolved").asLong() + 2);
        assertThat(after.get("registered").asLong()).isEqualTo(before.get("registered").asLong() + 2);
        JsonNode viewWithAmount = get("/api/disputes/" + Revision1Fixtures.WITH_AMOUNT).body();

        for (String projection : List.of("dispute-views", "statistics")) {
            assertThat(postAs(ADMIN, "/api/admin/projections/" + projection + "/rebuild", Map.of()).status())
                    .isEqualTo(202);
        }
        awaitProjectionsCaughtUp();
        assertThat(statistics("region=" + FIXTURE_VILLAGE + JUNE_2025).get("figures")).isEqualTo(after);
        assertThat(get("/api/disputes/" + Revision1Fixtures.WITH_AMOUNT).body()).isEqualTo(viewWithAmount);
        assertThat(get("/api/disputes/" + Revision1Fixtures.WITHOUT_AMOUNT).body()).isEqualTo(view);
        assertThat(get("/api/admin/projections/verify").body().get("ok").asBoolean()).isTrue();

        // reading old events as revision 2 changed nothing stored: every hash and chain holds
        JsonNode audit = getAs(ADMIN, "/api/admin/audit/verify").body();
        assertThat(audit.get("findings")).as(audit.toString()).isEmpty();
        assertThat(audit.get("intact").asBoolean()).isTrue();
    }

    @Test
    void theExportedLogImportsIntoAFreshDatabaseWithIdenticalHashesAndFigures() throws Exception {
        String id = post("/api/disputes", DisputeApiTest.registration(newId())).body().get("id").asText();
        assertThat(post("/api/disputes/" + id + "/screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT",
                                                                     "date", "2026-03-03")).status()).isEqualTo(200);
        awaitProjectionsCaughtUp();

        long started = System.nanoTime();
        Download download = downloadAs(ADMIN, "/api/admin/events/export");
        double exportSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(download.header("Content-Disposition")).contains("attachment").contains(".ndjson");
        String exported = new String(download.body(), StandardCharsets.UTF_8);
        List<String> lines = exported.lines().filter(EventLogApiTest::isEvent).toList();

        // one line per stored event, in global order, each with the hash it was stored with
        List<BsonDocument> stored = mongo.database().getCollection("events", BsonDocument.class).find()
                                         .into(new ArrayList<>()).stream()
                                         .filter(d -> !d.containsKey("void"))
                                         .sorted((a, b) -> Long.compare(a.getInt64("_id").getValue(),
                                                                        b.getInt64("_id").getValue()))
                                         .collect(Collectors.toList());
        assertThat(lines).hasSize(stored.size());
        List<BsonDocument> parsed = lines.stream().map(BsonDocument::parse).toList();
        assertThat(parsed).isEqualTo(stored);
        assertThat(parsed).allSatisfy(line -> assertThat(EventHash.of(line)).isEqualTo(
                line.getString("hash").getValue()));
        // personal data leaves sealed
        assertThat(exported).contains("pii:1:").doesNotContain("王小明", "13812345678", "11010519491231002X");

        MongoDatabase restored = mongo.client().getDatabase(mongo.database().getName() + "_restored");
        restored.drop();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(restored).eventSerializer(eventSerializer).snapshotSerializer(snapshotSerializer)
                .upcasterChain(Upcasters.chain())
                .payloadCodec(new PersonalDataCodec(new PersonalKeyVault(restored, cn.mediation.core.testing.TestMongo.KEKS))).build();
        started = System.nanoTime();
        EventLogImport.Result result = new EventLogImport(engine).run(
                () -> new BufferedReader(new StringReader(exported)));
        double importSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("event log of %d events: export over HTTP %.0f events/s, import %.0f events/s%n",
                          lines.size(), lines.size() / exportSeconds, lines.size() / importSeconds);

        assertThat(result.events()).isEqualTo(lines.size());
        assertThat(restored.getCollection("events", BsonDocument.class).find().into(new ArrayList<>()).stream()
                           .filter(d -> !d.containsKey("void")).toList())
                .containsExactlyInAnyOrderElementsOf(stored);
        assertThat(streams(restored)).isEqualTo(streams(mongo.database()));
        assertThat(AuditVerifier.on(restored, AuditLedger.on(restored), clock).verify().intact()).isTrue();

        // the restored log replays to the figures the application shows
        Instant asOf = clock.instant();
        StatisticsService restoredFigures = new StatisticsService(statisticsProjection, new StatisticsReplay(engine),
                                                                  regions, committees, clock, new cn.mediation.query.support.ReadSideSettings(30));
        // through text, as a response is read, so that numbers compare by value and not by Java type
        JsonNode replayed = JSON.readTree(objectMapper.writeValueAsString(restoredFigures.statistics(
                restoredFigures.parse(CITY, "2025-01-01", "2026-12-31", null, asOf.toString()))));
        JsonNode live = statistics("region=" + CITY + "&from=2025-01-01&to=2026-12-31");
        assertThat(live.get("figures").get("registered").asLong()).isPositive();
        for (String part : List.of("figures", "children", "byField", "linkage")) {
            assertThat(replayed.get(part)).as(part).isEqualTo(live.get(part));
        }
        restored.drop();
    }

    @Test
    void theApplicationRefusesAnImportIntoItsStoreAndABrokenLogNamingTheLine() {
        Download download = downloadAs(ADMIN, "/api/admin/events/export");
        String exported = new String(download.body(), StandardCharsets.UTF_8);
        long eventsBefore = mongo.database().getCollection("events").countDocuments();

        Response intoUsedStore = importAs(ADMIN, exported, "application/x-ndjson");
        assertThat(intoUsedStore.status()).isEqualTo(409);
        assertThat(intoUsedStore.contentType()).startsWith("application/problem+json");

        List<String> lines = new ArrayList<>(exported.lines().toList());
        int index = lines.size() / 2;
        while (!isEvent(lines.get(index))) {
            index--;
        }
        BsonDocument edited = BsonDocument.parse(lines.get(index));
        lines.set(index, lines.get(index).replaceFirst("\"eventIdentifier\": \"", "\"eventIdentifier\": \"x"));
        Response broken = importAs(ADMIN, String.join("\n", lines), "application/x-ndjson");
        assertThat(broken.status()).as(String.valueOf(broken.body())).isEqualTo(422);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.body().get("line").asLong()).isEqualTo(index + 1);
        assertThat(broken.body().get("aggregateIdentifier").asText())
                .isEqualTo(edited.getString("aggregateIdentifier").getValue());
        assertThat(broken.body().get("sequenceNumber").asLong())
                .isEqualTo(edited.get("sequenceNumber").asNumber().longValue());
        assertThat(broken.body().get("detail").asText()).contains("line " + (index + 1));

        // a position far ahead (outside the hash) would leave the trackers a gap of ten trillion numbers to cross
        List<String> jumped = new ArrayList<>(exported.lines().toList());
        int last = jumped.size() - 1;
        while (!isEvent(jumped.get(last))) {
            last--;
        }
        jumped.set(last, jumped.get(last).replaceFirst("\"_id\": \\{\"\\$numberLong\": \"\\d+\"}",
                                                       "\"_id\": {\"\\$numberLong\": \"10000000000000\"}"));
        Response farAhead = importAs(ADMIN, String.join("\n", jumped), "application/x-ndjson");
        assertThat(farAhead.status()).as(String.valueOf(farAhead.body())).isEqualTo(422);
        assertThat(farAhead.body().get("line").asLong()).isEqualTo(last + 1);
        assertThat(farAhead.body().get("reason").asText()).contains("10000000000000").contains("dense");

        Response notNdjson = importAs(ADMIN, exported, "application/json");
        assertThat(notNdjson.status()).isEqualTo(415);
        assertThat(mongo.database().getCollection("events").countDocuments()).isEqualTo(eventsBefore);
    }

    /** A line of a stored event: not a void number, not a sealed day. */
    private static boolean isEvent(String line) {
        BsonDocument document = BsonDocument.parse(line);
        return document.containsKey("eventIdentifier") && !document.containsKey("void");
    }

    private Response importAs(String username, String body, String contentType) {
        return request("POST", "/api/admin/events/import", body,
                       Map.of("Authorization", basic(username), "Content-Type", contentType));
    }

    /** What the engine keeps per stream, without marks of an append at work. */
    private static Map<Object, Document> streams(MongoDatabase database) {
        Set<String> kept = Set.of("_id", "last", "copied", "base", "type", "hash", "globals");
        return database.getCollection("streams").find().into(new ArrayList<>()).stream()
                       .collect(Collectors.toMap(s -> s.get("_id"), s -> {
                           Document copy = new Document();
                           s.forEach((key, value) -> {
                               if (kept.contains(key)) {
                                   copy.append(key, value);
                               }
                           });
                           return copy;
                       }));
    }

    private JsonNode statistics(String query) {
        Response response = get("/api/statistics?" + query);
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }

    private void awaitProjectionsCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> getAs(ADMIN, "/api/admin/projections").body(), body -> {
            for (JsonNode projection : body.get("projections")) {
                boolean counted = List.of("dispute-views", "statistics").contains(projection.get("name").asText());
                if (counted && !projection.path("caughtUp").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }
}
