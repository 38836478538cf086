package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monthly trend and the report export over real HTTP: the numbers in the files and in each month are the numbers
 * {@code GET /api/statistics} gives for the same query. Works in its own town (南江县样例镇一) and in 2024, apart from
 * the other tests' disputes.
 */
class StatisticsExportApiTest extends AppTestBase {

    static final String TOWN = "511922101000";
    static final String VILLAGE = "511922101001";
    static final String OTHER_VILLAGE = "511922101002";
    static final String PERIOD = "&from=2024-01-01&to=2024-06-30";
    static final String TOWN_ANALYST = "analyst-bazhou-town";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The figures in the order of the report's columns, after the label columns. */
    static final List<String> FIGURES = List.of("sweeps", "found", "registered", "mediated", "resolved", "failed",
                                                "successRate", "majorResolved", "escalated", "keptLocalRate", "open",
                                                "overdue", "groupIncidents", "civilToCriminal", "satisfaction",
                                                "meanDaysToResolve", "medianDaysToResolve");

    private static boolean recorded;

    @BeforeEach
    void disputes() {
        user(TOWN_ANALYST, "ANALYST", "511902101000");
        if (recorded) {
            return;
        }
        String resolved = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2024-02-05");
        step(resolved, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2024-02-05"));
        mediate(resolved, VILLAGE, "2024-02-06");
        step(resolved, "resolution", Map.of("form", "WRITTEN", "terms", "赔偿", "date", "2024-02-20"));
        step(resolved, "follow-up", Map.of("satisfaction", 4, "date", "2024-03-01"));
        String failed = register(OTHER_VILLAGE, "MARRIAGE_FAMILY", "APPLICATION", "2024-03-03");
        step(failed, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2024-03-03"));
        mediate(failed, OTHER_VILLAGE, "2024-03-04");
        step(failed, "failure", Map.of("reason", "分歧大", "date", "2024-03-10"));
        register(VILLAGE, "NEIGHBOURS", "APPLICATION", "2024-03-15");
        Response sweep = post("/api/sweeps", Map.of("villageCode", VILLAGE, "found", 1, "date", "2024-01-10"));
        assertThat(sweep.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30))
               .until(() -> statistics("region=" + TOWN + PERIOD).get("figures"),
                      f -> f.path("registered").asLong() == 3 && f.path("resolved").asLong() == 1
                              && f.path("failed").asLong() == 1 && f.path("sweeps").asLong() == 1
                              && f.path("satisfaction").isNumber());
        recorded = true;
    }

    private JsonNode statistics(String query) {
        Response response = getAs(ANALYST, "/api/statistics?" + query);
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }

    @Test
    void theWorkbookHoldsTheNumbersOfTheStatisticsView() throws IOException {
        JsonNode view = statistics("region=" + TOWN + PERIOD);
        Download download = downloadAs(ANALYST, "/api/statistics/export?region=" + TOWN + PERIOD);

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo(XLSX);
        String disposition = download.header("Content-Disposition");
        assertThat(disposition).startsWith("attachment; filename=\"statistics-" + TOWN + "-2024-01-01-2024-06-30.xlsx\"");
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("filename*=UTF-8''") + 17),
                                     StandardCharsets.UTF_8))
                .isEqualTo("人民调解统计_南江县样例镇一_2024-01-01_2024-06-30.xlsx");

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            Sheet byRegion = workbook.getSheet("统计");
            assertThat(byRegion.getRow(1).getCell(2).getStringCellValue()).isEqualTo(TOWN);
            Map<String, Row> rows = rowsBelowHeading(byRegion, "地区", row -> row.getCell(1).getStringCellValue());
            assertThat(rows.get(TOWN).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertCells(rows.get(TOWN), 2, view.get("figures"));
            assertThat(rows).hasSize(1 + view.get("children").size());
            for (JsonNode child : view.get("children")) {
                assertCells(rows.get(child.get("region").get("code").asText()), 2, child.get("figures"));
            }
            assertThat(rows.get(VILLAGE).getCell(2 + FIGURES.indexOf("registered")).getNumericCellValue())
                    .isEqualTo(2);

            Map<String, Row> fields = rowsBelowHeading(workbook.getSheet("按领域"), "领域",
                                                       row -> row.getCell(0).getStringCellValue());
            assertThat(fields).hasSize(view.get("byField").size());
            for (JsonNode field : view.get("byField")) {
                assertCells(fields.get(field.get("field").get("name").asText()), 1, withoutSweeps(field.get("figures")));
            }
        }
    }

    @Test
    void theCsvOfAFieldParsesAndHoldsTheNumbersOfTheStatisticsView() throws IOException {
        JsonNode view = statistics("region=" + TOWN + PERIOD + "&field=NEIGHBOURS");
        Download download = downloadAs(ANALYST, "/api/statistics/export?region=" + TOWN + PERIOD
                + "&field=NEIGHBOURS&format=csv");

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(download.header("Content-Disposition"))
                .contains("filename=\"statistics-" + TOWN + "-NEIGHBOURS-2024-01-01-2024-06-30.csv\"");
        byte[] bytes = download.body();
        assertThat(new byte[]{bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, 3, bytes.length - 3,
                                                                            StandardCharsets.UTF_8)),
                                                CSVFormat.DEFAULT)) {
            records = parser.getRecords();
        }
        assertThat(records.get(3).toList()).containsExactly("领域", "邻里纠纷");
        Map<String, CSVRecord> byLabel = new HashMap<>();
        boolean inRegions = false;
        for (CSVRecord record : records) {
            if (record.size() == 1 && record.get(0).startsWith("下级地区排名")) {
                break; // the ranking below holds places, not figures
            }
            if (record.toList().contains("排查次数")) {
                inRegions = record.get(0).equals("地区");
                continue;
            }
            if (record.size() > FIGURES.size()) {
                byLabel.put(inRegions ? record.get(1) : record.get(0), record);
            }
        }
        assertCsv(byLabel.get(TOWN), 2, view.get("figures"));
        assertThat(byLabel.get(TOWN).get(0)).isEqualTo("合计");
        for (JsonNode child : view.get("children")) {
            assertCsv(byLabel.get(child.get("region").get("code").asText()), 2, child.get("figures"));
        }
        assertThat(view.get("byField")).hasSize(1);
        assertCsv(byLabel.get("邻里纠纷"), 1, withoutSweeps(view.get("byField").get(0).get("figures")));
        assertThat(byLabel.get(TOWN).get(2 + FIGURES.indexOf("registered"))).isEqualTo("2");
    }

    @Test
    void eachMonthOfTheTrendIsTheStatisticsOfThatMonth() {
        Response trend = getAs(ANALYST, "/api/statistics/trend?region=" + TOWN + "&from=2024-01-15&to=2024-04-10");
        assertThat(trend.status()).as(String.valueOf(trend.body())).isEqualTo(200);
        JsonNode months = trend.body().get("months");
        List<String> names = new ArrayList<>();
        months.forEach(m -> names.add(m.get("month").asText()));
        assertThat(names).containsExactly("2024-01", "2024-02", "2024-03", "2024-04");
        assertThat(months.get(0).get("from").asText()).isEqualTo("2024-01-15");
        assertThat(months.get(3).get("to").asText()).isEqualTo("2024-04-10");
        for (JsonNode month : months) {
            JsonNode alone = statistics("region=" + TOWN + "&from=" + month.get("from").asText()
                                                + "&to=" + month.get("to").asText());
            assertThat(month.get("figures")).as(month.get("month").asText()).isEqualTo(alone.get("figures"));
        }
        assertThat(months.get(1).get("figures").get("resolved").asLong()).isEqualTo(1);
        assertThat(months.get(2).get("figures").get("failed").asLong()).isEqualTo(1);

        Response tooLong = getAs(ANALYST, "/api/statistics/trend?region=" + TOWN + "&from=2021-01-01&to=2024-01-31");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(getAs(ANALYST, "/api/statistics/trend?region=" + TOWN + "&from=2021-01-01&to=2023-12-31")
                           .body().get("months")).hasSize(36);
    }

    @Test
    void aCallerOutsideTheRegionIsRefusedAndAnUnknownFormatNamed() {
        Download city = downloadAs(TOWN_ANALYST, "/api/statistics/export?region=" + CITY + PERIOD);
        assertThat(city.status()).isEqualTo(403);
        assertThat(getAs(TOWN_ANALYST, "/api/statistics/trend?region=" + CITY + PERIOD).status()).isEqualTo(403);
        Download own = downloadAs(TOWN_ANALYST, "/api/statistics/export?format=csv" + PERIOD);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("Content-Disposition")).contains("statistics-511902101000-");

        Download badFormat = downloadAs(ANALYST, "/api/statistics/export?region=" + TOWN + PERIOD + "&format=pdf");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badFormat.json().get("errors").get(0).get("field").asText()).isEqualTo("format");
    }

    /** A field's row as exported: a sweep has no field, so 排查次数 is left empty rather than repeat the area's. */
    private static JsonNode withoutSweeps(JsonNode figures) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = figures.deepCopy();
        copy.putNull("sweeps");
        return copy;
    }

    /** The rows under the heading row whose first cell is {@code firstHeading}, by a key of each row. */
    private static Map<String, Row> rowsBelowHeading(Sheet sheet, String firstHeading, Function<Row, String> key) {
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean below = false;
        for (Row row : sheet) {
            if (below) {
                rows.put(key.apply(row), row);
            } else if (row.getCell(0) != null && row.getCell(0).getCellType() == CellType.STRING
                    && row.getCell(0).getStringCellValue().equals(firstHeading) && row.getLastCellNum() > FIGURES.size()) {
                below = true;
            }
        }
        return rows;
    }

    private static void assertCells(Row row, int labels, JsonNode figures) {
        assertThat(row).isNotNull();
        for (int i = 0; i < FIGURES.size(); i++) {
            JsonNode expected = figures.get(FIGURES.get(i));
            Cell cell = row.getCell(labels + i);
            if (expected.isNull()) {
                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(FIGURES.get(i)).isTrue();
            } else {
                assertThat(BigDecimal.valueOf(cell.getNumericCellValue())).as(FIGURES.get(i))
                                                                          .isEqualByComparingTo(expected.decimalValue());
            }
        }
    }

    private static void assertCsv(CSVRecord record, int labels, JsonNode figures) {
        assertThat(record).isNotNull();
        for (int i = 0; i < FIGURES.size(); i++) {
            JsonNode expected = figures.get(FIGURES.get(i));
            String cell = record.get(labels + i);
            if (expected.isNull()) {
                assertThat(cell).as(FIGURES.get(i)).isEmpty();
            } else {
                assertThat(new BigDecimal(cell)).as(FIGURES.get(i)).isEqualByComparingTo(expected.decimalValue());
            }
        }
    }
}
