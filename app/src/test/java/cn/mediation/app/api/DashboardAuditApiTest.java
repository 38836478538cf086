package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a county bureau and an auditor read beside the figures, over real HTTP and against counts the test keeps
 * itself: comparisons with an earlier period, statistics and a case as of a business date, drill-through paging,
 * the history in people's words, the export's sheets, and the case file masked for an analyst. Each test works in a
 * village and months no other test uses.
 */
class DashboardAuditApiTest extends AppTestBase {

    static final String COMPARE_VILLAGE = "511903101002";
    static final String PAGING_VILLAGE = "511903101001";
    static final String AS_OF_VILLAGE = "511903101003";

    private JsonNode ok(Response response) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }

    private String resolvedOn(String village, String registered, String resolved) {
        String id = register(village, "NEIGHBOURS", "APPLICATION", registered);
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", registered));
        mediate(id, village, registered);
        step(id, "resolution", Map.of("form", "WRITTEN", "terms", "赔偿到位", "date", resolved));
        return id;
    }

    private String failedOn(String village, String registered, String failed) {
        String id = register(village, "NEIGHBOURS", "APPLICATION", registered);
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", registered));
        mediate(id, village, registered);
        step(id, "failure", Map.of("reason", "分歧大", "date", failed));
        return id;
    }

    @Test
    void compareAddsTheEarlierPeriodsFiguresAndEachChange() {
        // May 2024: 3 registered, 2 resolved, 1 failed; May 2023: 2 registered, 1 resolved; April 2024: 1 registered
        resolvedOn(COMPARE_VILLAGE, "2024-05-02", "2024-05-10");
        resolvedOn(COMPARE_VILLAGE, "2024-05-03", "2024-05-12");
        failedOn(COMPARE_VILLAGE, "2024-05-04", "2024-05-20");
        resolvedOn(COMPARE_VILLAGE, "2023-05-02", "2023-05-09");
        register(COMPARE_VILLAGE, "NEIGHBOURS", "APPLICATION", "2023-05-05");
        register(COMPARE_VILLAGE, "NEIGHBOURS", "APPLICATION", "2024-04-10");

        String may = "/api/statistics?region=" + COMPARE_VILLAGE + "&from=2024-05-01&to=2024-05-31";
        JsonNode yearOnYear = await().atMost(Duration.ofSeconds(30)).until(() -> ok(getAs(ANALYST, may + "&compare=lastYear")),
                s -> s.at("/figures/mediated").asLong() == 3 && s.at("/comparison/figures/registered").asLong() == 2);
        assertThat(yearOnYear.at("/comparison/kind").asText()).isEqualTo("lastYear");
        assertThat(yearOnYear.at("/comparison/from").asText()).isEqualTo("2023-05-01");
        assertThat(yearOnYear.at("/comparison/to").asText()).isEqualTo("2023-05-31");
        assertThat(yearOnYear.at("/figures/registered").asLong()).isEqualTo(3);
        assertThat(yearOnYear.at("/comparison/figures/resolved").asLong()).isEqualTo(1);
        assertThat(yearOnYear.at("/change/registered/difference").asLong()).isEqualTo(1);
        assertThat(yearOnYear.at("/change/registered/ratio").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(yearOnYear.at("/change/resolved/difference").asLong()).isEqualTo(1);
        assertThat(yearOnYear.at("/change/resolved/ratio").decimalValue()).isEqualByComparingTo("1");
        // a success rate of 2/3 against 1/1: the difference in the rate's fraction
        assertThat(yearOnYear.at("/change/successRate/difference").decimalValue()).isEqualByComparingTo("-0.3333");
        // nothing failed a year earlier: a difference, no ratio
        assertThat(yearOnYear.at("/change/failed/difference").asLong()).isEqualTo(1);
        assertThat(yearOnYear.at("/change/failed/ratio").isNull()).isTrue();
        // open and overdue describe the present, not a period: no change
        assertThat(yearOnYear.at("/change/open").isNull()).isTrue();

        JsonNode previous = ok(getAs(ANALYST, may + "&compare=previous"));
        assertThat(previous.at("/comparison/from").asText()).isEqualTo("2024-04-01");
        assertThat(previous.at("/comparison/to").asText()).isEqualTo("2024-04-30");
        assertThat(previous.at("/comparison/figures/registered").asLong()).isEqualTo(1);
        assertThat(previous.at("/change/registered/ratio").decimalValue()).isEqualByComparingTo("2");

        // a period that is not whole months is compared with as many days just before it
        JsonNode days = ok(getAs(ANALYST, "/api/statistics?region=" + COMPARE_VILLAGE
                + "&from=2024-05-03&to=2024-05-12&compare=previous"));
        assertThat(days.at("/comparison/from").asText()).isEqualTo("2024-04-23");
        assertThat(days.at("/comparison/to").asText()).isEqualTo("2024-05-02");

        // without compare the body is as it was; a wrong value is refused naming the parameter
        assertThat(ok(getAs(ANALYST, may)).has("comparison")).isFalse();
        Response wrong = getAs(ANALYST, may + "&compare=lastweek");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().toString()).contains("compare");
    }

    @Test
    void asOfABusinessDateFollowsTheCasesOwnDatesNotWhenTheyWereRecorded() {
        // recorded today, dated June 2024: by recorded time it did not exist yesterday; by business date it did
        String id = resolvedOn(AS_OF_VILLAGE, "2024-06-10", "2024-06-20");
        String june = "/api/statistics?region=" + AS_OF_VILLAGE + "&from=2024-06-01&to=2024-06-30";
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(get(june)).at("/figures/resolved").asLong() == 1);

        JsonNode midJune = ok(get(june + "&asOfDate=2024-06-15"));
        assertThat(midJune.at("/asOfDate").asText()).isEqualTo("2024-06-15");
        assertThat(midJune.at("/figures/registered").asLong()).isEqualTo(1);
        assertThat(midJune.at("/figures/resolved").asLong()).isZero();
        assertThat(midJune.at("/figures/open").asLong()).as("open on the 15th").isEqualTo(1);
        JsonNode endOfJune = ok(get(june + "&asOfDate=2024-06-30"));
        assertThat(endOfJune.at("/figures/resolved").asLong()).isEqualTo(1);
        assertThat(endOfJune.at("/figures/open").asLong()).isZero();

        JsonNode caseMidJune = ok(get("/api/disputes/" + id + "?asOfDate=2024-06-15"));
        assertThat(caseMidJune.get("status").asText()).isEqualTo("MEDIATING");
        assertThat(caseMidJune.get("asOfDate").asText()).isEqualTo("2024-06-15");
        assertThat(get("/api/disputes/" + id + "?asOfDate=2024-06-09").status()).as("before its registration").isEqualTo(404);
        assertThat(get("/api/disputes/" + id + "?asOfDate=2024-06-11").status()).as("the day after").isEqualTo(200);
        assertThat(get("/api/disputes/" + id + "?asOf=2024-06-30T15:59:59Z").status())
                .as("by recorded time it was not known then").isEqualTo(404);

        // an analyst may not look into the past; both at once is refused naming asOfDate
        assertThat(getAs(ANALYST, june + "&asOfDate=2024-06-15").status()).isEqualTo(403);
        assertThat(getAs(ANALYST, "/api/disputes/" + id + "?asOfDate=2024-06-15").status()).isEqualTo(403);
        Response both = get(june + "&asOfDate=2024-06-15&asOf=2024-06-15T00:00:00Z");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body().toString()).contains("asOfDate");
    }

    @Test
    void theCasesBehindAFigureComePageByPageWithTheTotalAndVillageNames() throws Exception {
        Set<String> registered = new HashSet<>();
        for (int i = 1; i <= 7; i++) {
            registered.add(register(PAGING_VILLAGE, "LABOUR_WAGES", "SWEEP", "2024-07-0" + i));
        }
        String base = "/api/statistics/cases?region=" + PAGING_VILLAGE + "&from=2024-07-01&to=2024-07-31&figure=registered&size=3";
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(getAs(ANALYST, base)).get("total").asInt() == 7);
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode body = ok(getAs(ANALYST, base + "&page=" + page));
            assertThat(body.get("pages").asInt()).isEqualTo(3);
            sizes.add(body.get("items").size());
            for (JsonNode item : body.get("items")) {
                seen.add(item.get("id").asText());
                assertThat(item.get("villageName").asText()).isEqualTo("恩阳区样例镇一样例村一");
            }
        }
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).isEqualTo(registered);

        // the whole list as a workbook: one row per case, villages by name
        Download file = downloadAs(ANALYST, base.replace("/cases?", "/cases/export?"));
        assertThat(file.status()).isEqualTo(200);
        DataFormatter text = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            int rows = 0;
            for (Row row : book.getSheet("案件")) {
                if (text.formatCellValue(row.getCell(2)).equals("恩阳区样例镇一样例村一")) {
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(7);
        }
    }

    @Test
    void theHistoryNamesStepsActorsAndUnitsAndSpeaksEnglishToo() {
        String id = resolvedOn(AS_OF_VILLAGE, "2024-08-01", "2024-08-05");
        JsonNode events = ok(get("/api/disputes/" + id + "/history")).get("events");
        List<String> steps = new ArrayList<>();
        events.forEach(e -> steps.add(e.get("step").asText()));
        assertThat(steps).containsExactly("registration", "screening", "mediation", "resolution");
        JsonNode mediation = events.get(2);
        assertThat(mediation.at("/actorInfo/role").asText()).isEqualTo("MEDIATOR");
        assertThat(mediation.at("/actorInfo/regionName").asText()).isEqualTo("巴中市");
        assertThat(mediation.get("summary").asText()).contains("恩阳区样例镇一样例村三人民调解委员会", "样例调解员甲")
                                                    .doesNotContain("C" + AS_OF_VILLAGE);
        assertThat(events.get(3).get("summary").asText()).contains("恩阳区样例镇一样例村三").doesNotContain(AS_OF_VILLAGE);
        assertThat(mediation.get("summaryEn").asText()).startsWith("Mediation started");
        assertThat(events.get(0).get("summaryEn").asText()).contains("Neighbours").doesNotContain("邻里");
    }

    @Test
    void theExportBlanksSweepsByFieldNamesDaysToCloseAndAddsRankingAndCoverageSheets() throws Exception {
        Download file = downloadAs(ANALYST, "/api/statistics/export?region=511903000000&from=2024-01-01&to=2024-12-31");
        assertThat(file.status()).isEqualTo(200);
        DataFormatter text = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
            Sheet byField = book.getSheet("按领域");
            Row header = null;
            int sweepsColumn = -1;
            List<String> sweepsCells = new ArrayList<>();
            for (Row row : byField) {
                // the table's header row (the heading lines above it also begin with 领域)
                if (text.formatCellValue(row.getCell(0)).equals("领域")
                        && text.formatCellValue(row.getCell(1)).equals("排查次数")) {
                    header = row;
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        if (text.formatCellValue(row.getCell(c)).equals("排查次数")) {
                            sweepsColumn = c;
                        }
                    }
                    assertThat(text.formatCellValue(row.getCell(row.getLastCellNum() - 2))).isEqualTo("平均办结天数");
                } else if (header != null) {
                    sweepsCells.add(text.formatCellValue(row.getCell(sweepsColumn)));
                }
            }
            assertThat(sweepsColumn).isPositive();
            assertThat(sweepsCells).hasSize(18).allMatch(String::isEmpty);

            Sheet ranking = book.getSheet("排名");
            assertThat(ranking).as("a ranking of the areas below").isNotNull();
            List<String> ranked = new ArrayList<>();
            for (Row row : ranking) {
                String name = text.formatCellValue(row.getCell(0));
                if (name.startsWith("恩阳区样例镇")) {
                    ranked.add(name);
                }
            }
            assertThat(ranked).containsExactlyInAnyOrder("恩阳区样例镇一", "恩阳区样例镇二");
            assertThat(book.getSheet("调解员配备")).isNotNull();
        }
    }

    @Test
    void theCaseFileMasksThePartiesForAnAnalystAndShowsThemToTheCasesMediator() {
        String id = resolvedOn(AS_OF_VILLAGE, "2024-09-01", "2024-09-05");
        step(id, "fulfilment", Map.of("fulfilled", true, "date", "2024-09-10"));
        step(id, "judicial-confirmation", Map.of("court", "恩阳区人民法院", "date", "2024-09-12"));
        step(id, "follow-up", Map.of("satisfaction", 5, "date", "2024-09-20"));
        JsonNode file = ok(getAs(ANALYST, "/api/disputes/" + id + "/file"));
        assertThat(file.get("partiesInClear").asBoolean()).isFalse();
        assertThat(file.toString()).doesNotContain("王小明", "11010519491231002X", "13812345678", "李大山");
        assertThat(file.at("/parties/0/name").asText()).isEqualTo("王**");
        assertThat(file.get("steps")).hasSize(7);
        assertThat(file.at("/steps/2/mediators/0").asText()).isEqualTo("样例调解员甲");
        assertThat(file.at("/steps/2/unit").asText()).isEqualTo("恩阳区样例镇一样例村三");
        assertThat(file.at("/agreement/terms").asText()).isEqualTo("赔偿到位");
        assertThat(file.at("/judicialConfirmation/court").asText()).isEqualTo("恩阳区人民法院");
        assertThat(file.at("/followUps/0/satisfaction").asInt()).isEqualTo(5);

        JsonNode own = ok(getAs(MEDIATOR, "/api/disputes/" + id + "/file"));
        assertThat(own.get("partiesInClear").asBoolean()).isTrue();
        assertThat(own.at("/parties/0/name").asText()).isEqualTo("王小明");
        assertThat(getAs(ADMIN, "/api/disputes/" + id + "/file").status()).isEqualTo(403);
    }
}
