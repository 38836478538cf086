package cn.mediation.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the real application on a random port, on its embedded MongoDB (H2 file backend in a temporary directory,
 * a free port) — or on {@code MONGODB_URI} when set, in a database of its own — and talks to it over real HTTP.
 * All test classes extending this share one running application, with its metrics exported as in production.
 */
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"mediation.eventstore.hold-back=PT0.2S",
                              "mediation.security.admin-password=" + AppTestBase.ADMIN_PASSWORD,
                              "mediation.security.bcrypt-strength=4",
                              // the suite's hostile-input run sends wrong passwords from this one address
                              "mediation.security.login.max-address-failures=300"})
public abstract class AppTestBase {

    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String PASSWORD = "test-password-1";
    public static final String CITY = "511900000000";
    /** Users every test may act as, all scoped to the whole city (created once per run by the administrator). */
    public static final String MEDIATOR = "mediator-wang";
    public static final String ANALYST = "analyst-li";
    public static final String AUDITOR = "auditor-zhao";
    public static final String ADMIN = "admin";
    private static final java.util.Set<String> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("mediation-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("mediation.mongo.embedded.data-dir", DATA::toString);
        registry.add("mediation.mongo.database", () -> "apptest_" + ProcessHandle.current().pid());
    }

    @BeforeEach
    protected void cityUsers() {
        // the application is shared; every test works on disputes of its own
        user(MEDIATOR, "MEDIATOR", CITY);
        user(ANALYST, "ANALYST", CITY);
        user(AUDITOR, "AUDITOR", CITY);
    }

    /** Creates a user (password {@link #PASSWORD}) unless this run already did. */
    protected void user(String username, String role, String region) {
        if (CREATED.contains(username)) {
            return;
        }
        Response created = postAs(ADMIN, "/api/admin/users",
                                  Map.of("username", username, "password", PASSWORD, "role", role, "region", region));
        if (created.status() != 201 && created.status() != 409) {
            throw new IllegalStateException("cannot create user " + username + ": " + created);
        }
        CREATED.add(username);
    }

    protected static String basic(String username) {
        String password = ADMIN.equals(username) ? ADMIN_PASSWORD : PASSWORD;
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A command as the city's mediator. */
    protected Response post(String path, Object body) {
        return postAs(MEDIATOR, path, body);
    }

    protected Response post(String path, Object body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.putIfAbsent("Authorization", basic(MEDIATOR));
        return request("POST", path, body, all);
    }

    protected Response postAs(String username, String path, Object body) {
        return request("POST", path, body, Map.of("Authorization", basic(username)));
    }

    protected Response request(String method, String path, Object body, Map<String, String> headers) {
        try {
            String json = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                                                     .timeout(Duration.ofSeconds(30))
                                                     .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                                             : HttpRequest.BodyPublishers.ofString(json));
            if (json != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DELETE, as the administrator unless the headers name someone else. */
    protected Response delete(String path, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.putIfAbsent("Authorization", basic(ADMIN));
        return request("DELETE", path, null, all);
    }

    /** A read as the city's auditor, who may read every case, history and figure (not the admin endpoints). */
    protected Response get(String path) {
        return getAs(AUDITOR, path);
    }

    protected Response getAs(String username, String path) {
        return request("GET", path, null, username == null ? Map.of() : Map.of("Authorization", basic(username)));
    }

    /** A read whose body is a file (a report), not JSON: the raw bytes, and the headers. */
    protected Download downloadAs(String username, String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET()
                                         .header("Authorization", basic(username)).build();
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            String text = response.body();
            // JSON answers are parsed; anything else (a CSV export, a page) is kept as text
            JsonNode body = text == null || text.isBlank() ? null
                    : type.contains("json") ? JSON.readTree(text) : JSON.getNodeFactory().textNode(text);
            return new Response(response.statusCode(), body, type, response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A registration every test may vary: a neighbours' dispute in 巴州区样例镇一样例村一 with two parties. */
    protected static Map<String, Object> sampleRegistration(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("villageCode", "511902101001");
        body.put("field", "NEIGHBOURS");
        body.put("source", "SWEEP");
        body.put("summary", "两户宅基地边界纠纷");
        body.put("date", "2026-03-02");
        body.put("occurredOn", "2026-03-01");
        body.put("peopleInvolved", 2);
        body.put("amountInvolved", 1200.50);
        body.put("parties", List.of(Map.of("role", "APPLICANT", "name", "王小明", "idNumber", "11010519491231002X",
                                           "phone", "13812345678"),
                                    Map.of("role", "RESPONDENT", "name", "李大山")));
        return body;
    }

    /** Registers the sample dispute in a village, field, source and date of the test's; it must be accepted. */
    protected String register(String village, String field, String source, String date) {
        Map<String, Object> body = sampleRegistration(null);
        body.put("villageCode", village);
        body.put("field", field);
        body.put("source", source);
        body.put("date", date);
        body.remove("occurredOn");
        Response response = post("/api/disputes", body);
        org.assertj.core.api.Assertions.assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        return response.body().get("id").asText();
    }

    /** A step of a dispute's life as the city's mediator; it must be accepted. */
    protected void step(String id, String path, Map<String, Object> body) {
        Response response = post("/api/disputes/" + id + "/" + path, body);
        org.assertj.core.api.Assertions.assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
    }

    /** Starts mediation by the area committee of {@code unit} and its first sample mediator. */
    protected void mediate(String id, String unit, String date) {
        step(id, "mediation", Map.of("committeeId", "C" + unit, "mediatorIds", java.util.List.of("C" + unit + "-M1"),
                                     "channel", "PEOPLES", "date", date));
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    public record Download(int status, byte[] body, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The body as JSON: a refusal is a problem document. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public record Response(int status, JsonNode body, String contentType, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
