package cn.mediation.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 一村不少于3名调解员, on a server without sample committees (every village starts with none): the administrator
 * appoints three mediators in one village and two in another, and the statistics, the ranking and the export name
 * exactly the villages the test left under the minimum.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"mediation.eventstore.hold-back=PT0.2S",
                              "mediation.security.admin-password=coverage-admin-password",
                              "mediation.security.bcrypt-strength=4", "mediation.sample-committees=false"})
class MediatorCoverageTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "admin:coverage-admin-password";
    static final String ANALYST = "coverage-analyst:coverage-analyst-password";
    static final String COUNTY = "511971000000";
    static final String TOWN = "511971101000";
    static final String FULL = "511971101001";
    static final String SHORT = "511971101002";
    static final String NONE = "511971101003";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("mediation-coverage-test").toString();
        registry.add("mediation.mongo.embedded.data-dir", () -> dir);
        registry.add("mediation.mongo.database", () -> "coveragetest_" + ProcessHandle.current().pid());
    }

    private HttpResponse<byte[]> send(String credentials, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                   .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode json(String credentials, String path) throws Exception {
        HttpResponse<byte[]> response = send(credentials, "GET", path, null);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void created(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    }

    private void committee(String village, int mediators) throws Exception {
        created(send(ADMIN, "POST", "/api/committees", Map.of("id", "T" + village, "name", "测试调委会" + village,
                                                              "regionCode", village, "date", "2026-01-01")));
        for (int i = 1; i <= mediators; i++) {
            created(send(ADMIN, "POST", "/api/committees/T" + village + "/mediators",
                         Map.of("mediatorId", "T" + village + "-" + i, "name", "测试调解员" + i, "date", "2026-01-05")));
        }
    }

    @Test
    void theVillagesUnderTheMinimumAreNamedInTheFiguresTheRankingAndTheExport() throws Exception {
        created(send(ADMIN, "POST", "/api/admin/users", Map.of("username", "coverage-analyst",
                "password", "coverage-analyst-password", "role", "ANALYST", "region", "511900000000")));
        committee(FULL, 3);
        committee(SHORT, 2);
        String town = "/api/statistics?region=" + TOWN + "&from=2026-01-01&to=2026-01-31";
        JsonNode mediators = await().atMost(Duration.ofSeconds(30))
                .until(() -> json(ANALYST, town).get("mediators"), m -> m.get("mediators").asInt() == 5);
        assertThat(mediators.get("villages").asInt()).isEqualTo(3);
        assertThat(mediators.get("villagesUnderMinimum").asInt()).isEqualTo(2);
        List<String> named = new ArrayList<>();
        mediators.get("villagesUnderMinimumList").forEach(v -> named.add(v.get("name").asText() + ":" + v.get("mediators").asInt()));
        assertThat(named).containsExactly("巴中经济开发区样例镇一样例村二:2", "巴中经济开发区样例镇一样例村三:0");
        assertThat(mediators.at("/villagesUnderMinimumList/0/town").asText()).isEqualTo("巴中经济开发区样例镇一");

        // the roster as it stood at the period's end: none before the appointments of 2026-01-05
        JsonNode early = json(ANALYST, "/api/statistics?region=" + TOWN + "&from=2026-01-01&to=2026-01-04")
                .get("mediators");
        assertThat(early.get("mediators").asInt()).isZero();
        assertThat(early.get("villagesUnderMinimum").asInt()).isEqualTo(3);
        // and a comparison carries the earlier period's: December 2025, before the committees were established
        JsonNode compared = json(ANALYST, town + "&compare=previous").get("comparison");
        assertThat(compared.get("to").asText()).isEqualTo("2025-12-31");
        assertThat(compared.at("/mediators/mediators").asInt()).isZero();
        assertThat(compared.at("/mediators/villagesUnderMinimum").asInt()).isEqualTo(3);

        // the county's towns each carry their own coverage: town one 2 villages short, town two all 3
        JsonNode county = json(ANALYST, "/api/statistics?region=" + COUNTY + "&from=2026-01-01&to=2026-01-31");
        for (JsonNode child : county.get("children")) {
            int expected = child.at("/region/code").asText().equals(TOWN) ? 2 : 3;
            assertThat(child.at("/mediators/villagesUnderMinimum").asInt()).as(child.at("/region/name").asText())
                                                                          .isEqualTo(expected);
        }
        assertThat(county.at("/better/villagesUnderMinimum").asText()).isEqualTo("LOWER");

        HttpResponse<byte[]> export = send(ANALYST, "GET", "/api/statistics/export?region=" + COUNTY
                + "&from=2026-01-01&to=2026-01-31", null);
        assertThat(export.statusCode()).isEqualTo(200);
        DataFormatter text = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
            List<String> listed = new ArrayList<>();
            for (Row row : book.getSheet("调解员配备")) {
                String first = text.formatCellValue(row.getCell(0));
                if (first.startsWith("巴中经济开发区样例镇")) {
                    listed.add(first + ":" + text.formatCellValue(row.getCell(3)));
                }
            }
            assertThat(listed).hasSize(5).contains("巴中经济开发区样例镇一样例村二:2", "巴中经济开发区样例镇一样例村三:0")
                              .noneMatch(v -> v.startsWith("巴中经济开发区样例镇一样例村一"));
            Row header = null;
            Map<String, String> rankOfTown = new java.util.HashMap<>();
            for (Row row : book.getSheet("排名")) {
                if (text.formatCellValue(row.getCell(0)).equals("地区") && row.getLastCellNum() > 3) {
                    header = row;
                } else if (header != null) {
                    for (int c = 0; c < header.getLastCellNum(); c++) {
                        if (text.formatCellValue(header.getCell(c)).equals("调解员不足3名的村")) {
                            rankOfTown.put(text.formatCellValue(row.getCell(1)), text.formatCellValue(row.getCell(c)));
                        }
                    }
                }
            }
            // fewer villages short is better: town one (2 short) ranks first, town two (3 short) second
            assertThat(rankOfTown).containsEntry(TOWN, "1").containsEntry("511971102000", "2");
        }
    }
}
