package cn.mediation.app.api;

import cn.mediation.app.storage.MongoConnection;
import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per defect the hostile-input run ({@link HostileInputTest}) found, each the smallest request that showed
 * it: a 500, an answer that was not a problem, a problem that named no field or echoed a huge value back, or a
 * malformed request that was stored.
 */
class HostileInputRegressionTest extends AppTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VILLAGE = "511902101001";

    @Autowired
    private MongoConnection mongo;

    private String disputeId;

    @BeforeEach
    void dispute() {
        Response registered = post("/api/disputes", DisputeApiTest.registration(newId()));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        disputeId = registered.body().get("id").asText();
    }

    @Test
    void aMultipartContentTypeIs415NotA500() {
        Answer answer = send("POST", "/api/sweeps", MEDIATOR, "multipart/form-data", "{\"found\":1}");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactly("Content-Type");
    }

    @Test
    void springsOwnRefusalsNameWhatWasWrong() {
        Answer plain = send("POST", "/api/sweeps", MEDIATOR, "text/plain", "found=1");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(fields(plain)).containsExactly("Content-Type");
        Answer put = send("PUT", "/api/admin/users", ADMIN, "application/json", "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.contentType()).startsWith("application/problem+json");
        assertThat(fields(put)).containsExactly("method");
    }

    @Test
    void aHugeValueIsNotEchoedBack() {
        String huge = "5".repeat(100_000);
        Answer sweep = send("POST", "/api/sweeps", MEDIATOR, "application/json",
                            "{\"villageCode\":\"" + huge + "\",\"found\":1,\"date\":\"2026-03-02\"}");
        assertThat(sweep.status()).isEqualTo(400);
        assertThat(fields(sweep)).containsExactly("villageCode");
        assertThat(sweep.body()).hasSizeLessThan(1_000);
        Answer mediation = send("POST", "/api/disputes/" + disputeId + "/mediation", MEDIATOR, "application/json",
                                "{\"committeeId\":\"C" + huge + "\",\"mediatorIds\":[\"x\"],\"channel\":\"PEOPLES\","
                                        + "\"date\":\"2026-03-02\"}");
        assertThat(fields(mediation)).containsExactly("committeeId");
        assertThat(mediation.body()).hasSizeLessThan(1_000);
        Answer list = send("GET", "/api/disputes?region=" + CITY + "&field=" + "x".repeat(3_000), AUDITOR, null, null);
        assertThat(fields(list)).containsExactly("field");
        assertThat(list.body()).hasSizeLessThan(1_000);
        Answer unknown = send("POST", "/api/sweeps", MEDIATOR, "application/json",
                              "{\"" + "k".repeat(5_000) + "\":1}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown).get(0)).hasSizeLessThanOrEqualTo(101).startsWith("kkkk");
        assertThat(unknown.body()).hasSizeLessThan(1_000);
    }

    @Test
    void aValueTheParserCannotReadIsNamedByItsField() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/resolution", "{\"form\":\"WRITTEN\",\"terms\":\"t\",\"amount\":NaN,\"date\":\"2026-03-02\"}");
        cases.put("/follow-up", "{\"satisfaction\":+5,\"date\":\"2026-03-02\"}");
        cases.put("/fulfilment", "{\"fulfilled\":tru,\"date\":\"2026-03-02\"}");
        Map<String, String> expected = Map.of("/resolution", "amount", "/follow-up", "satisfaction",
                                              "/fulfilment", "fulfilled");
        cases.forEach((suffix, body) -> {
            Answer answer = send("POST", "/api/disputes/" + disputeId + suffix, MEDIATOR, "application/json", body);
            assertThat(answer.status()).as(suffix).isEqualTo(400);
            assertThat(fields(answer)).as(suffix).containsExactly(expected.get(suffix));
        });
    }

    @Test
    void aBusinessDateIsADayNotAnInstantOrANumber() {
        long before = events();
        for (String date : List.of("\"2026-03-02T20:00:00Z\"", "\"2026-03-02T00:00:00\"", "20515")) {
            Answer answer = send("POST", "/api/disputes/" + disputeId + "/incidents", MEDIATOR, "application/json",
                                 "{\"kind\":\"GROUP_INCIDENT\",\"date\":" + date + "}");
            assertThat(answer.status()).as(date).isEqualTo(400);
            assertThat(fields(answer)).as(date).containsExactly("date");
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void trailingGarbageMakesTheBodyMalformed() {
        long before = events();
        Answer answer = send("POST", "/api/disputes/" + disputeId + "/incidents", MEDIATOR, "application/json",
                             "{\"kind\":\"GROUP_INCIDENT\",\"date\":\"2026-03-02\"}x");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("body");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void nestingBeyondTheParsersLimitIsA400NamingTheBody() {
        Answer answer = send("POST", "/api/sweeps", MEDIATOR, "application/json",
                             "[".repeat(5_000) + "]".repeat(5_000));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("body");
    }

    @Test
    void aDisputeCannotHaveOccurredBeforeTheSystemsEra() {
        long before = events();
        Map<String, Object> registration = DisputeApiTest.registration(newId());
        registration.put("occurredOn", "1900-01-01");
        Response response = post("/api/disputes", registration);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("occurredOn");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void listsAndCommitteesRefuseRegionsTheDirectoryDoesNotKnowAndEmptyStatusLists() {
        Answer unknownRegion = send("GET", "/api/disputes?region=511902101999", AUDITOR, null, null);
        assertThat(unknownRegion.status()).isEqualTo(400);
        assertThat(fields(unknownRegion)).containsExactly("region");
        Answer unknownUnit = send("GET", "/api/disputes?handlingUnit=511902101999", MEDIATOR, null, null);
        assertThat(fields(unknownUnit)).containsExactly("handlingUnit");
        Answer committees = send("GET", "/api/committees?region=511902101999", ANALYST, null, null);
        assertThat(committees.status()).isEqualTo(400);
        assertThat(fields(committees)).containsExactly("region");
        Answer noStatus = send("GET", "/api/disputes?region=" + CITY + "&status=%2C", AUDITOR, null, null);
        assertThat(noStatus.status()).isEqualTo(400);
        assertThat(fields(noStatus)).containsExactly("status");
    }

    @Test
    void aPathRefusedBeforeRoutingIsStillAProblem() {
        for (String path : List.of("/api/disputes/" + disputeId + "%00/history", "/api/committees/a%2Fb/mediators",
                                   "/api/committees/../mediators", "/api/disputes/" + disputeId + "/..;/history")) {
            Answer answer = send(path.contains("mediators") ? "POST" : "GET", path,
                                 path.contains("mediators") ? ADMIN : AUDITOR, "application/json", "{}");
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
            assertThat(fields(answer)).as(path).hasSize(1).containsAnyOf("path", "request");
        }
    }

    @Test
    void aBodyLargerThanAnyRequestNeedsIs413BeforeItIsRead() {
        long before = events();
        Answer answer = send("POST", "/api/sweeps", MEDIATOR, "application/json",
                             "{\"notes\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactly("body");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsCountedAsItIsReadAnd413() {
        long before = events();
        // valid JSON all along (whitespace between tokens): only the body's size is wrong
        String registration = json(DisputeApiTest.registration(newId()));
        String padded = "{" + " ".repeat(3 * 1024 * 1024) + registration.substring(1);
        Answer answer = sendChunked("/api/disputes", padded);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer)).containsExactly("body");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() {
        Answer answer = sendChunked("/api/disputes", json(DisputeApiTest.registration(newId())));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void anArrayOfPartiesIsBoundedWhileParsing() {
        long before = events();
        Map<String, Object> registration = DisputeApiTest.registration(newId());
        registration.put("parties", java.util.Collections.nCopies(100_000, Map.of()));
        Answer answer = sendChunked("/api/disputes", json(registration));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(fields(answer)).containsExactly("parties");
        assertThat(answer.body()).contains("at most");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void deepNestingIsRefusedByTheParser() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        Answer answer = send("POST", "/api/sweeps", MEDIATOR, "application/json", "{\"notes\":" + deep + "}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).hasSizeLessThan(1_000);
    }

    // ------------------------------------------------------------------ helpers

    record Answer(int status, String contentType, String body) {
    }

    private long events() {
        return mongo.database().getCollection("events").countDocuments(Filters.ne("void", true));
    }

    private static List<String> fields(Answer answer) {
        try {
            JsonNode errors = JSON.readTree(answer.body()).path("errors");
            return errors.findValuesAsText("field");
        } catch (IOException e) {
            throw new UncheckedIOException(answer.body(), e);
        }
    }

    private Answer send(String method, String path, String user, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                 .timeout(Duration.ofSeconds(30))
                                                 .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                         : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.header("Authorization", basic(user));
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                                                      HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                              response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST as the city's mediator whose body has no declared length: HTTP/1.1 chunked framing. */
    private Answer sendChunked(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                         .version(HttpClient.Version.HTTP_1_1)
                                         .timeout(Duration.ofSeconds(60))
                                         .header("Content-Type", "application/json")
                                         .header("Authorization", basic(MEDIATOR))
                                         .POST(HttpRequest.BodyPublishers.ofInputStream(
                                                 () -> new java.io.ByteArrayInputStream(bytes)))
                                         .build();
        try {
            HttpResponse<String> response = HTTP.send(request,
                                                      HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                              response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
