package cn.mediation.app.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the server with {@code --demo=0.05}, through the real command path, and checks that the statistics show
 * exactly the figures the demo year was shaped to (the report's year at a twentieth of its size; the full year,
 * {@code --demo}, takes the same path with the scale at 1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, args = "--demo=0.05",
                properties = {"mediation.eventstore.hold-back=PT0.2S",
                              "mediation.security.admin-password=demo-admin-password"})
class DemoYearTest {

    static final double SCALE = 0.05;
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("mediation-demo-test").toString();
        registry.add("mediation.mongo.embedded.data-dir", () -> dir);
        registry.add("mediation.mongo.database", () -> "demotest_" + ProcessHandle.current().pid());
    }

    private static final String ADMIN = "admin:demo-admin-password";
    private static final String AUDITOR = "demo-auditor:demo-auditor-password";

    /** A read as the city's auditor (created by the administrator on first use). */
    private JsonNode get(String path) throws Exception {
        return getAs(AUDITOR, path);
    }

    private JsonNode getAs(String credentials, String path) throws Exception {
        if (credentials.equals(AUDITOR) && !auditorCreated) {
            HttpResponse<String> created = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/users"))
                               .header("Authorization", basic(ADMIN)).header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofString(
                                       "{\"username\":\"demo-auditor\",\"password\":\"demo-auditor-password\","
                                               + "\"role\":\"AUDITOR\",\"region\":\"511900000000\"}"))
                               .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            auditorCreated = true;
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                           .header("Authorization", basic(credentials)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private boolean auditorCreated;

    private static String basic(String credentials) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theDemoYearShowsTheFiguresItWasShapedTo() throws Exception {
        DemoYear.Shape shape = DemoYear.Shape.of(SCALE);
        // the demo's year is the twelve months up to today, the dashboard's default view
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String query = "/api/statistics?region=511900000000&from=" + DemoYear.firstDay(today) + "&to=" + today;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode projections = getAs(ADMIN, "/api/admin/projections");
            for (JsonNode projection : projections.get("projections")) {
                if (!projection.get("caughtUp").asBoolean()) {
                    return false;
                }
            }
            return get(query).get("figures").get("mediated").asLong() == shape.mediated();
        });
        JsonNode statistics = get(query);
        JsonNode figures = statistics.get("figures");
        assertThat(figures.get("sweeps").asLong()).isEqualTo(shape.sweeps());
        assertThat(figures.get("found").asLong()).isEqualTo(shape.found());
        assertThat(figures.get("registered").asLong()).isEqualTo(shape.mediated());
        assertThat(figures.get("mediated").asLong()).isEqualTo(shape.mediated());
        assertThat(figures.get("resolved").asLong()).isEqualTo(shape.resolved());
        assertThat(figures.get("failed").asLong()).isEqualTo(shape.failed());
        assertThat(figures.get("majorResolved").asLong()).isEqualTo(shape.majorResolved());
        assertThat(figures.get("escalated").asLong()).isEqualTo(shape.escalatedToTown());
        assertThat(figures.get("keptLocalRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(figures.get("groupIncidents").asLong()).isZero();
        assertThat(figures.get("civilToCriminal").asLong()).isZero();
        assertThat(figures.get("successRate").decimalValue()).isGreaterThanOrEqualTo(new java.math.BigDecimal("0.98"));
        for (JsonNode field : statistics.get("byField")) {
            if (field.get("field").get("code").asText().equals("EPIDEMIC")) {
                assertThat(field.get("figures").get("resolved").asLong()).isEqualTo(shape.epidemicResolved());
                assertThat(field.get("figures").get("mediated").asLong())
                        .isEqualTo(shape.epidemicResolved() + shape.epidemicFailed());
            }
        }
        assertThat(statistics.get("mediators").get("villagesUnderMinimum").asInt()).isZero();
        // the official report of the demo year is full: every source, both forms, every kind of committee
        JsonNode report = statistics.get("report");
        assertThat(report.get("accepted").asLong()).isEqualTo(shape.mediated());
        assertThat(report.get("agreementsOral").asLong() + report.get("agreementsWritten").asLong())
                .isEqualTo(shape.resolved());
        assertThat(report.get("agreementsOral").asLong()).isGreaterThan(report.get("agreementsWritten").asLong());
        assertThat(report.get("sourceInitiative").asLong()).isEqualTo(shape.found());
        for (String figure : List.of("sourceApplication", "sourceReferral", "referralPolice", "referralCourt",
                                     "referralGovernment", "referralPetitionOffice", "fulfilled", "judiciallyConfirmed",
                                     "preventCriminalCase", "preventGroupPetition", "preventSuicide",
                                     "preventGroupFight", "acceptedThreeOrMore", "committeesVillage", "committeesTown",
                                     "committeesEnterprise", "committeesProfessional", "committeesPersonalStudio",
                                     "mediatorsFullTime", "mediatorsPartTime")) {
            assertThat(report.get(figure).asLong()).as(figure).isPositive();
        }
        assertThat(report.get("preventionRecorded").asLong()).isEqualTo(shape.resolved());
        assertThat(report.get("preventCriminalCasePersons").asLong())
                .isGreaterThanOrEqualTo(2 * report.get("preventCriminalCase").asLong());
        assertThat(report.get("agreementAmount").decimalValue()).isPositive();
        assertThat(get("/api/admin/projections/verify").get("differences")).isEmpty();
        assertThat(DemoYear.firstDay(LocalDate.of(2026, 12, 6))).isEqualTo(LocalDate.of(2025, 12, 7));
        assertThat(DemoYear.firstDay(LocalDate.of(2028, 2, 29))).isEqualTo(LocalDate.of(2027, 3, 1));
    }
}
