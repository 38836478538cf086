package cn.mediation.app.privacy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;
import cn.mediation.app.MediationApplication;
import cn.mediation.core.dispute.ResidentIdNumber;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code logging.structured.format.console=ecs}: every line the server prints is one JSON object (Elastic Common
 * Schema: {@code @timestamp}, {@code log.level}, {@code message}), and a case registered with its parties' names, ID
 * numbers and phones leaves none of them in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = MediationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"logging.structured.format.console=ecs",
                              // Boot's console set-up, which the tests' logback-test.xml would replace
                              "logging.config=classpath:logback-structured.xml",
                              "mediation.security.admin-password=" + StructuredLogsTest.ADMIN_PASSWORD,
                              "mediation.security.bcrypt-strength=4", "mediation.eventstore.hold-back=PT0.2S"})
class StructuredLogsTest {

    static final String ADMIN_PASSWORD = "structured-logs-admin";
    private static final String PASSWORD = "structured-logs-1";
    /** A sample village no other test counts: the case registered here stays open. */
    private static final String VILLAGE = "511923102001";
    private static final String NAME = "欧阳修远";
    private static final String ID = "51192319790312457" + ResidentIdNumber.checkCharacter("51192319790312457");
    private static final String PHONE = "13755509876";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // as MediationApplication.main does: no console message of Axon's own, which is not a log line
        System.setProperty("disable-axoniq-console-message", "true");
        System.setProperty("axoniq.update-checker.disabled", "true");
    }

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Logging is set up once per JVM: an earlier test's context leaves it marked as set up, and this context's
     * {@code logging.config} would then be ignored. Marked as not set up, it is configured anew for this test.
     */
    @BeforeAll
    static void logAnew() {
        LoggingSystem.get(StructuredLogsTest.class.getClassLoader()).cleanUp();
    }

    /** The tests after this one log as the tests' own configuration says, not in JSON. */
    @AfterAll
    static void logAsTheOtherTests() {
        LoggingSystem logging = LoggingSystem.get(StructuredLogsTest.class.getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), "classpath:logback-test.xml",
                           null);
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws Exception {
        String data = Files.createTempDirectory("structured-logs").toString();
        registry.add("mediation.mongo.embedded.data-dir", () -> data);
    }

    @Test
    void everyLineIsJsonAndNoPartysPersonalDataIsInIt(CapturedOutput output) throws Exception {
        assertThat(post("admin", ADMIN_PASSWORD, "/api/admin/users", Map.of("username", "structured-mediator",
                "password", PASSWORD, "role", "MEDIATOR", "region", VILLAGE)).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> committees = send(HttpRequest.newBuilder(uri("/api/committees?region=" + VILLAGE))
                    .header("Authorization", basic("structured-mediator", PASSWORD)).GET());
            return committees.statusCode() == 200 && committees.body().contains("\"C" + VILLAGE + "\"");
        });
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("id", UUID.randomUUID().toString());
        registration.put("villageCode", VILLAGE);
        registration.put("field", "NEIGHBOURS");
        registration.put("source", "APPLICATION");
        registration.put("summary", "结构化日志测试纠纷");
        registration.put("date", "2026-03-02");
        registration.put("peopleInvolved", 1);
        registration.put("parties", List.of(Map.of("role", "APPLICANT", "name", NAME, "idNumber", ID,
                                                   "phone", PHONE)));
        HttpResponse<String> registered = post("structured-mediator", PASSWORD, "/api/disputes", registration);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        // a refused one too: the refusal names the field, never its value
        registration.put("id", UUID.randomUUID().toString());
        registration.put("parties", List.of(Map.of("role", "APPLICANT", "name", NAME, "idNumber", ID + "0")));
        assertThat(post("structured-mediator", PASSWORD, "/api/disputes", registration).statusCode()).isEqualTo(400);

        List<JsonNode> lines = new ArrayList<>();
        boolean structured = false;
        for (String line : output.getOut().split("\\R")) {
            // before the application sets its logging up, the test's own configuration prints a line or two
            structured |= line.startsWith("{");
            if (line.isBlank() || !structured) {
                continue;
            }
            assertThat(line).as("a line of the log").startsWith("{").endsWith("}");
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).as("the server's start is logged").hasSizeGreaterThan(5);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.has("@timestamp")).as(line.toString()).isTrue();
            assertThat(line.path("log").path("level").isTextual()).as(line.toString()).isTrue();
            assertThat(line.has("message")).as(line.toString()).isTrue();
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.get("message").asText()).contains("Started"));
        assertThat(output.getAll()).doesNotContain(NAME).doesNotContain(ID).doesNotContain(PHONE);
    }

    private HttpResponse<String> post(String user, String password, String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
                               .header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
