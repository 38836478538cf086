package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official report over real HTTP: the figures a bureau submits, counted from the cases a test records in its own
 * village (巴中经济开发区样例镇二样例村二) in 2022 and 2023, apart from the other tests'; the workbook and the CSV
 * read back cell by cell against the API; a month equals the sum of its days, an area the sum of the areas below.
 */
class OfficialReportApiTest extends AppTestBase {

    static final String VILLAGE = "511971102002";
    static final String TOWN = "511971102000";
    static final String ZONE = "511971000000";
    static final String MAY = "&from=2023-05-01&to=2023-05-31";
    /** Report figures that count or sum disputes, which add up over days and areas. */
    static final List<String> ADDITIVE = List.of(
            "accepted", "acceptedParties", "acceptedThreeOrMore", "sourceInitiative", "sourceApplication",
            "sourceReferral", "referralPolice", "referralCourt", "referralGovernment", "referralPetitionOffice",
            "referralNotRecorded", "agreementsOral", "agreementsWritten", "agreementAmount", "fulfilled",
            "judiciallyConfirmed", "preventionRecorded", "preventSuicide", "preventSuicidePersons",
            "preventCriminalCase", "preventCriminalCasePersons", "preventGroupPetition", "preventGroupPetitionPersons",
            "preventGroupFight", "preventGroupFightPersons", "preventedDisputes", "sweeps", "found");

    private static boolean recorded;
    private static String referral;

    @BeforeEach
    void cases() {
        if (recorded) {
            return;
        }
        // a referral from the police with four people, resolved in writing with an amount and two outcomes
        referral = registration("REFERRAL", "2023-05-03", 4, "POLICE", "邻里宅基地纠纷");
        step(referral, "screening", Map.of("grade", "SIGNIFICANT", "decision", "ACCEPT", "date", "2023-05-03"));
        mediate(referral, VILLAGE, "2023-05-04");
        step(referral, "resolution", Map.of("form", "WRITTEN", "terms", "赔偿并道歉", "amount", 12345.67,
                                            "date", "2023-05-10",
                                            "prevention", List.of(Map.of("outcome", "CRIMINAL_CASE", "persons", 3),
                                                                  Map.of("outcome", "GROUP_PETITION", "persons", 12))));
        step(referral, "judicial-confirmation", Map.of("court", "巴州区人民法院", "date", "2023-05-12"));
        step(referral, "fulfilment", Map.of("fulfilled", true, "date", "2023-05-20"));
        // found by a sweep, resolved orally with no prevention outcome
        String swept = registration("SWEEP", "2023-05-08", 2, null, "排查发现的相邻纠纷");
        step(swept, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2023-05-08"));
        mediate(swept, VILLAGE, "2023-05-09");
        step(swept, "resolution", Map.of("form", "ORAL", "terms", "互相谅解", "date", "2023-05-15",
                                         "prevention", List.of()));
        // an application declined at screening: registered, not accepted
        String declined = registration("APPLICATION", "2023-05-20", 2, null, "已起诉的纠纷");
        step(declined, "screening", Map.of("grade", "ORDINARY", "decision", "DECLINE", "reason", "已向法院起诉",
                                           "date", "2023-05-21"));
        // registered in April, accepted in May
        String late = registration("APPLICATION", "2023-04-28", 2, null, "跨月受理的纠纷");
        step(late, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2023-05-02"));
        // a year earlier, for 同比
        String lastYear = registration("APPLICATION", "2022-05-10", 2, null, "去年的纠纷");
        step(lastYear, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2022-05-10"));
        await().atMost(Duration.ofSeconds(60))
               .until(() -> statistics("region=" + VILLAGE + MAY).get("report"),
                      r -> r.path("accepted").asLong() == 3 && r.path("fulfilled").asLong() == 1
                              && r.path("sourceApplication").asLong() == 1);
        await().atMost(Duration.ofSeconds(60))
               .until(() -> statistics("region=" + VILLAGE + "&from=2022-05-01&to=2022-05-31").get("report"),
                      r -> r.path("accepted").asLong() == 1);
        recorded = true;
    }

    private String registration(String source, String date, int people, String referredBy, String summary) {
        Map<String, Object> body = sampleRegistration(null);
        body.put("villageCode", VILLAGE);
        body.put("source", source);
        body.put("date", date);
        body.remove("occurredOn");
        body.put("peopleInvolved", people);
        body.put("summary", summary);
        if (referredBy != null) {
            body.put("referredBy", referredBy);
        }
        Response response = post("/api/disputes", body);
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        return response.body().get("id").asText();
    }

    private JsonNode statistics(String query) {
        Response response = getAs(ANALYST, "/api/statistics?" + query);
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        return response.body();
    }

    @Test
    void theFiguresOfTheMonthFollowTheCountingRules() {
        JsonNode report = statistics("region=" + VILLAGE + MAY).get("report");
        assertThat(report.get("accepted").asLong()).isEqualTo(3);
        assertThat(report.get("acceptedParties").asLong()).isEqualTo(4 + 2 + 2);
        assertThat(report.get("acceptedThreeOrMore").asLong()).isEqualTo(1);
        assertThat(report.get("sourceReferral").asLong()).isEqualTo(1);
        assertThat(report.get("referralPolice").asLong()).isEqualTo(1);
        assertThat(report.get("sourceInitiative").asLong()).isEqualTo(1);
        // the April registration is not a May registration, though it was accepted in May
        assertThat(report.get("sourceApplication").asLong()).isEqualTo(1);
        assertThat(report.get("agreementsWritten").asLong()).isEqualTo(1);
        assertThat(report.get("agreementsOral").asLong()).isEqualTo(1);
        assertThat(report.get("agreementAmount").decimalValue()).isEqualByComparingTo("12345.67");
        assertThat(report.get("fulfilled").asLong()).isEqualTo(1);
        assertThat(report.get("judiciallyConfirmed").asLong()).isEqualTo(1);
        assertThat(report.get("preventionRecorded").asLong()).isEqualTo(2);
        assertThat(report.get("preventCriminalCase").asLong()).isEqualTo(1);
        assertThat(report.get("preventCriminalCasePersons").asLong()).isEqualTo(3);
        assertThat(report.get("preventGroupPetition").asLong()).isEqualTo(1);
        assertThat(report.get("preventGroupPetitionPersons").asLong()).isEqualTo(12);
        assertThat(report.get("preventSuicide").asLong()).isZero();
        assertThat(report.get("preventedDisputes").asLong()).isEqualTo(1);
    }

    @Test
    void aComparisonGivesTheReportFiguresOfTheSamePeriodAYearEarlier() {
        JsonNode view = statistics("region=" + VILLAGE + MAY + "&compare=lastYear");
        assertThat(view.at("/comparison/report/accepted").asLong()).isEqualTo(1);
        assertThat(view.at("/comparison/report/acceptedParties").asLong()).isEqualTo(2);
        assertThat(view.at("/reportChange/accepted/difference").asLong()).isEqualTo(2);
        assertThat(view.at("/reportChange/accepted/ratio").decimalValue()).isEqualByComparingTo("2.0000");
        assertThat(view.at("/reportChange/acceptedParties/difference").asLong()).isEqualTo(6);
        // a breakdown has no change of its own
        assertThat(view.get("reportChange").has("committeesByTrade")).isFalse();
        assertThat(view.get("reportChange").has("committees")).isTrue();
    }

    @Test
    void aReportIsMadeAgainAsTheSystemHadItWhenItWasMade() throws IOException {
        // June 2023 in a village of its own, apart from the figures the other tests count
        String village = "511971102001";
        String june = "period=2023-06";
        awaitCaughtUp();
        JsonNode made = report(village, june, "json").json();
        Instant at = Instant.now();
        // recorded later, dated in June: the live report changes, the one made again at `at` does not
        Map<String, Object> body = sampleRegistration(null);
        body.put("villageCode", village);
        body.put("date", "2023-06-05");
        body.remove("occurredOn");
        body.put("summary", "补录的纠纷");
        Response registered = post("/api/disputes", body);
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        String late = registered.body().get("id").asText();
        step(late, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2023-06-06"));
        Response established = postAs(ADMIN, "/api/committees", Map.of("name", "补录的调委会", "regionCode", village,
                                                                      "date", "2023-06-01", "kind", "VILLAGE"));
        assertThat(established.status()).isEqualTo(201);
        long accepted = made.at("/rows/0/report/accepted").asLong();
        long committees = made.at("/rows/0/report/committees").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> report(village, june, "json").json(),
                now -> now.at("/rows/0/report/accepted").asLong() == accepted + 1
                        && now.at("/rows/0/report/committees").asLong() == committees + 1);

        String asOf = "&asOf=" + at;
        Download again = downloadAs(AUDITOR, "/api/statistics/report?region=" + village + "&" + june + asOf
                + "&format=json");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("rows")).as("every figure of every row, the roster too").isEqualTo(made.get("rows"));
        assertThat(again.json().get("asOf").asText()).isEqualTo(at.toString());
        // the statistics as recorded then count the roster as it was recorded then too
        JsonNode statisticsThen = getAs(AUDITOR, "/api/statistics?region=" + village
                + "&from=2023-06-01&to=2023-06-30&asOf=" + at).body();
        assertThat(statisticsThen.at("/report/committees").asLong()).isEqualTo(committees);
        assertThat(statisticsThen.at("/report/accepted").asLong()).isEqualTo(accepted);
        assertThat(downloadAs(ANALYST, "/api/statistics/report?region=" + village + "&" + june + asOf).status())
                .as("a replay is an auditor's").isEqualTo(403);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(downloadAs(AUDITOR,
                "/api/statistics/report?region=" + village + "&" + june + asOf).body()))) {
            List<String> foot = new ArrayList<>();
            for (Row row : workbook.getSheetAt(0)) {
                Cell first = row.getCell(0);
                if (first != null && first.getCellType() == CellType.STRING) {
                    foot.add(first.getStringCellValue());
                }
            }
            assertThat(foot).anySatisfy(line -> assertThat(line).startsWith("数据截至：").contains("按事件日志重现"));
        }
    }

    /** Waits until every projection has handled the log's last event. */
    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode status = getAs(ADMIN, "/api/admin/projections").body();
            for (JsonNode projection : status.get("projections")) {
                if (projection.has("caughtUp") && !projection.get("caughtUp").asBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void theDisputesBehindAReportFigureAreListed() {
        Response cases = getAs(ANALYST, "/api/statistics/cases?region=" + VILLAGE + MAY + "&figure=preventCriminalCase");
        assertThat(cases.status()).isEqualTo(200);
        assertThat(cases.body().get("total").asInt()).isEqualTo(1);
        assertThat(cases.body().get("items").get(0).get("id").asText()).isEqualTo(referral);
        Response accepted = getAs(ANALYST, "/api/statistics/cases?region=" + VILLAGE + MAY + "&figure=accepted");
        assertThat(accepted.body().get("total").asInt()).isEqualTo(3);
    }

    @Test
    void aMonthIsTheSumOfItsDays() {
        JsonNode month = statistics("region=" + VILLAGE + MAY).get("report");
        Map<String, BigDecimal> days = new HashMap<>();
        for (LocalDate day = LocalDate.of(2023, 5, 1); !day.isAfter(LocalDate.of(2023, 5, 31)); day = day.plusDays(1)) {
            JsonNode report = statistics("region=" + VILLAGE + "&from=" + day + "&to=" + day).get("report");
            for (String figure : ADDITIVE) {
                days.merge(figure, report.get(figure).decimalValue(), BigDecimal::add);
            }
        }
        for (String figure : ADDITIVE) {
            assertThat(days.get(figure)).as(figure).isEqualByComparingTo(month.get(figure).decimalValue());
        }
    }

    @Test
    void anAreaIsTheSumOfTheAreasBelowIt() {
        for (String area : List.of(ZONE, TOWN)) {
            JsonNode body = report(area, "period=2023", "json").json();
            JsonNode rows = body.get("rows");
            for (String figure : ADDITIVE) {
                BigDecimal below = BigDecimal.ZERO;
                for (int i = 1; i < rows.size(); i++) {
                    below = below.add(rows.get(i).get("report").get(figure).decimalValue());
                }
                assertThat(below).as(area + " " + figure)
                                 .isEqualByComparingTo(rows.get(0).get("report").get(figure).decimalValue());
            }
            // and the types add up to the area
            long types = 0;
            Iterator<JsonNode> byType = rows.get(0).get("byOfficialType").elements();
            while (byType.hasNext()) {
                types += byType.next().get("accepted").asLong();
            }
            assertThat(types).isEqualTo(rows.get(0).get("report").get("accepted").asLong());
        }
    }

    @Test
    void theWorkbookIsTheFormFilledWithTheApisNumbers() throws IOException {
        JsonNode body = report(TOWN, "period=2023-05", "json").json();
        JsonNode view = statistics("region=" + TOWN + MAY);
        Download download = report(TOWN, "period=2023-05", "xlsx");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition"))
                .startsWith("attachment; filename=\"mediation-report-" + TOWN + "-2023-05.xlsx\"");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("巴中经济开发区样例镇二人民调解工作统计表");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue())
                    .startsWith("统计期间：2023年5月（2023-05-01至2023-05-31）");
            // printed as filed: A4 landscape, one page wide, the headings on every page
            assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
            assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
            assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(sheet.getFitToPage()).isTrue();
            assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("1:4");
            List<String> groups = new ArrayList<>();
            Map<String, Integer> column = new LinkedHashMap<>();
            for (Cell cell : sheet.getRow(2)) {
                if (!cell.getStringCellValue().isEmpty()) {
                    groups.add(cell.getStringCellValue());
                }
            }
            assertThat(groups).containsExactly("地区", "区划代码", "组织队伍", "受理纠纷", "纠纷来源（登记）",
                                               "纠纷类型（受理件数）", "调解协议", "预防效果", "排查预防", "同比");
            for (Cell cell : sheet.getRow(3)) {
                if (!cell.getStringCellValue().isEmpty()) {
                    column.put(cell.getStringCellValue(), cell.getColumnIndex());
                }
            }
            // one row per area, in the API's order, each cell the API's number
            JsonNode rows = body.get("rows");
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.getRow(4 + i);
                JsonNode api = rows.get(i);
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(api.get("region").get("code").asText());
                assertThat(number(row, column.get("受理（件）"))).isEqualTo(api.get("report").get("accepted").asDouble());
                assertThat(number(row, column.get("调解成功（件）"))).isEqualTo(api.get("figures").get("resolved").asDouble());
                assertThat(number(row, column.get("当事人数（人）")))
                        .isEqualTo(api.get("report").get("acceptedParties").asDouble());
                assertThat(number(row, column.get("接受委托移送"))).isEqualTo(api.get("report").get("sourceReferral").asDouble());
                assertThat(number(row, column.get("其中公安移送"))).isEqualTo(api.get("report").get("referralPolice").asDouble());
                assertThat(number(row, column.get("邻里"))).isEqualTo(
                        api.get("byOfficialType").get("NEIGHBOURS").get("accepted").asDouble());
                assertThat(number(row, column.get("口头协议"))).isEqualTo(api.get("report").get("agreementsOral").asDouble());
                assertThat(number(row, column.get("涉及金额（万元）"))).isEqualTo(
                        api.get("report").get("agreementAmount").decimalValue().movePointLeft(4)
                           .setScale(2, RoundingMode.HALF_UP).doubleValue());
                assertThat(number(row, column.get("防止民间纠纷转化为刑事案件（件）")))
                        .isEqualTo(api.get("report").get("preventCriminalCase").asDouble());
                assertThat(number(row, column.get("防止群体性上访（人）")))
                        .isEqualTo(api.get("report").get("preventGroupPetitionPersons").asDouble());
                assertThat(number(row, column.get("排查次数"))).isEqualTo(api.get("report").get("sweeps").asDouble());
                assertThat(number(row, column.get("调委会（个）"))).isEqualTo(api.get("report").get("committees").asDouble());
                assertThat(number(row, column.get("其中专职")))
                        .isEqualTo(api.get("report").get("mediatorsFullTime").asDouble());
            }
            // the town's own row is the statistics view of the town, its rows below are the view's children
            Row total = sheet.getRow(4);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("巴中经济开发区样例镇二合计");
            assertThat(number(total, column.get("受理（件）"))).isEqualTo(view.get("report").get("accepted").asDouble());
            assertThat(rows.size()).isEqualTo(1 + view.get("children").size());
            Row village = sheet.getRow(4 + 2);
            assertThat(village.getCell(1).getStringCellValue()).isEqualTo(VILLAGE);
            assertThat(number(village, column.get("受理（件）"))).isEqualTo(3);
            assertThat(number(village, column.get("涉及金额（万元）"))).isEqualTo(1.23);
            // values only, and the foot names the unit and the Beijing time
            List<String> foot = new ArrayList<>();
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
                if (row.getRowNum() > 4 + rows.size() && row.getCell(0) != null) {
                    foot.add(row.getCell(0).getStringCellValue());
                }
            }
            assertThat(foot).anySatisfy(line -> assertThat(line).isEqualTo("填报单位：巴中经济开发区样例镇二司法所"));
            assertThat(foot).anySatisfy(line -> assertThat(line).matches("生成时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}（北京时间）"));
            assertThat(foot).anySatisfy(line -> assertThat(line).startsWith("单位负责人：").contains("填表人："));
            assertThat(foot).anySatisfy(line -> assertThat(line).contains("组织队伍为统计期末（2023-05-31）的在册数"));
        }
    }

    @Test
    void theCsvHoldsTheSameRowsAndTheYearHasItsGrowth() throws IOException {
        JsonNode body = report(VILLAGE, "period=2023", "json").json();
        Download download = report(VILLAGE, "period=2023", "csv");
        assertThat(download.status()).isEqualTo(200);
        byte[] bytes = download.body();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, 3, bytes.length - 3,
                                                                            StandardCharsets.UTF_8)),
                                                CSVFormat.DEFAULT)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).get(0)).isEqualTo("巴中经济开发区样例镇二样例村二人民调解工作统计表");
        assertThat(records.get(1).get(0)).startsWith("统计期间：2023年度");
        List<String> headings = records.get(3).toList();
        CSVRecord row = records.get(4);
        assertThat(row.get(1)).isEqualTo(VILLAGE);
        assertThat(row.get(headings.indexOf("受理（件）"))).isEqualTo(body.get("rows").get(0).get("report").get("accepted").asText());
        // 2023: three accepted against one in 2022, +200%
        assertThat(body.get("rows").get(0).get("lastYear").get("accepted").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(row.get(headings.indexOf("受理同比")))).isEqualByComparingTo("2.0000");
        // eight parties against two; no amount agreed a year earlier, so no growth to give
        assertThat(new BigDecimal(row.get(headings.indexOf("当事人数同比")))).isEqualByComparingTo("3.0000");
        assertThat(row.get(headings.indexOf("涉及金额同比"))).isEmpty();
        assertThat(row.get(headings.indexOf("涉及金额（万元）"))).isEqualTo("1.23");
    }

    @Test
    void aQuarterIsNamedAndABadPeriodIsRefusedNamingIt() {
        JsonNode quarter = report(VILLAGE, "period=2023-Q2", "json").json();
        assertThat(quarter.get("from").asText()).isEqualTo("2023-04-01");
        assertThat(quarter.get("to").asText()).isEqualTo("2023-06-30");
        Response bad = getAs(ANALYST, "/api/statistics/report?region=" + VILLAGE + "&period=2023-Q5");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().toString()).contains("period");
        Response month13 = getAs(ANALYST, "/api/statistics/report?region=" + VILLAGE + "&period=2023-13");
        assertThat(month13.status()).isEqualTo(400);
        // the pages send Accept-Language: zh, and read the refusal in Chinese
        Response chinese = request("GET", "/api/statistics/report?region=" + VILLAGE + "&period=2023-Q5", null,
                                   Map.of("Authorization", basic(ANALYST), "Accept-Language", "zh-CN,zh;q=0.9"));
        assertThat(chinese.status()).isEqualTo(400);
        assertThat(chinese.body().get("title").asText()).isEqualTo("请求内容不符合要求");
        assertThat(chinese.body().get("detail").asText())
                .isEqualTo("统计期间：须为月份（如 2026-03）、季度（如 2026-Q1）或年度（如 2026）");
        assertThat(chinese.body().get("errors").get(0).get("field").asText()).isEqualTo("period");
    }

    @Test
    void aReferrerOnlyWithAReferralAndEachOutcomeOnce() {
        Map<String, Object> body = sampleRegistration(null);
        body.put("villageCode", VILLAGE);
        body.put("source", "APPLICATION");
        body.put("referredBy", "COURT");
        Response refused = post("/api/disputes", body);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("referredBy").contains("onlyForReferral");

        Response duplicate = post("/api/disputes/" + referral + "/resolution", Map.of(
                "form", "ORAL", "terms", "t", "date", "2023-06-01",
                "prevention", List.of(Map.of("outcome", "SUICIDE", "persons", 1),
                                      Map.of("outcome", "SUICIDE", "persons", 2),
                                      Map.of("outcome", "GROUP_FIGHT", "persons", 0))));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body().toString()).contains("prevention[1].outcome").contains("prevention[2].persons");
    }

    @Test
    void formulaLikeTextIsExportedAsText() throws IOException {
        String id = registration("APPLICATION", "2023-07-03", 2, null, "=HYPERLINK(\"http://example.invalid\",\"看\")");
        await().atMost(Duration.ofSeconds(60))
               .until(() -> statistics("region=" + VILLAGE + "&from=2023-07-03&to=2023-07-03").get("figures")
                                      .path("registered").asLong() == 1);
        Download csv = downloadAs(ANALYST, "/api/statistics/cases/export?region=" + VILLAGE
                + "&from=2023-07-03&to=2023-07-03&figure=registered&format=csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
        Download xlsx = downloadAs(ANALYST, "/api/statistics/cases/export?region=" + VILLAGE
                + "&from=2023-07-03&to=2023-07-03&figure=registered");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            boolean found = false;
            for (Row row : workbook.getSheetAt(0)) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                    if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().startsWith("=HYPERLINK")) {
                        assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
                        found = true;
                    }
                }
            }
            assertThat(found).isTrue();
        }
        assertThat(id).isNotBlank();
    }

    @Test
    void tradeCommitteesAreCountedByTradeAndATradeStaysText() throws IOException {
        String suffix = newId().substring(0, 6);
        String formula = "=SUM(A1:A9)" + suffix;
        String medical = "医疗纠纷" + suffix;
        tradeCommittee(formula, "2023-03-01", 2);
        tradeCommittee(medical, "2023-03-01", 1);
        tradeCommittee(medical, "2023-06-10", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> report(TOWN, "period=2023-06", "json").json(),
                b -> trade(b, medical) != null && trade(b, medical).get("committees").asLong() == 2);
        JsonNode may = report(TOWN, "period=2023-05", "json").json();
        JsonNode area = may.get("rows").get(0).get("report");
        assertThat(trade(may, formula).get("committees").asLong()).isEqualTo(1);
        assertThat(trade(may, formula).get("mediators").asLong()).isEqualTo(2);
        assertThat(trade(may, medical).get("committees").asLong()).as("the June committee is not yet there")
                                                               .isEqualTo(1);
        long byTrade = 0;
        for (JsonNode t : area.get("committeesByTrade")) {
            byTrade += t.get("committees").asLong();
        }
        assertThat(byTrade).isEqualTo(area.get("committeesProfessional").asLong());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                report(TOWN, "period=2023-05", "xlsx").body()))) {
            Sheet sheet = workbook.getSheet("行业性专业性调委会");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("巴中经济开发区样例镇二行业性专业性人民调解委员会（按行业，截至2023-05-31）");
            Map<String, Row> rows = new HashMap<>();
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
                if (row.getRowNum() > 1) {
                    rows.put(row.getCell(0).getStringCellValue(), row);
                }
            }
            assertThat(rows.get(formula).getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(rows.get(formula).getCell(1).getNumericCellValue()).isEqualTo(1);
            assertThat(rows.get(formula).getCell(2).getNumericCellValue()).isEqualTo(2);
            assertThat(rows.get(medical).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(rows.get("合计").getCell(1).getNumericCellValue())
                    .isEqualTo(area.get("committeesProfessional").asDouble());
        }
        String csv = new String(report(TOWN, "period=2023-05", "csv").body(), StandardCharsets.UTF_8);
        assertThat(csv).contains("'" + formula + ",1,2").doesNotContain("\n" + formula);
    }

    private void tradeCommittee(String trade, String date, int mediators) {
        String committee = "T" + newId().substring(0, 8);
        Response established = postAs(ADMIN, "/api/committees", Map.of("id", committee, "name", trade + "调委会",
                                                                      "regionCode", VILLAGE, "date", date,
                                                                      "kind", "PROFESSIONAL", "trade", trade));
        assertThat(established.status()).as(String.valueOf(established.body())).isEqualTo(201);
        for (int i = 1; i <= mediators; i++) {
            assertThat(postAs(ADMIN, "/api/committees/" + committee + "/mediators",
                              Map.of("mediatorId", "M" + i, "name", "行业调解员" + i, "date", date)).status())
                    .isEqualTo(201);
        }
    }

    private static JsonNode trade(JsonNode report, String trade) {
        for (JsonNode t : report.get("rows").get(0).get("report").get("committeesByTrade")) {
            if (trade.equals(t.path("trade").asText(null))) {
                return t;
            }
        }
        return null;
    }

    @Test
    void anAdministratorRecordsTheKindOfACommitteeAndWhoServesFullTime() {
        String committee = "T" + newId().substring(0, 8);
        JsonNode before = statistics("region=" + VILLAGE + MAY).get("report");
        Response established = postAs(ADMIN, "/api/committees", Map.of("id", committee, "name", "样例村二老调委会",
                                                                      "regionCode", VILLAGE, "date", "2023-03-01"));
        assertThat(established.status()).as(String.valueOf(established.body())).isEqualTo(201);
        Response appointed = postAs(ADMIN, "/api/committees/" + committee + "/mediators",
                                    Map.of("mediatorId", "M1", "name", "老调解员", "date", "2023-04-10"));
        assertThat(appointed.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> statistics("region=" + VILLAGE + MAY).get("report"),
                r -> r.get("committeesKindNotRecorded").asLong() == before.get("committeesKindNotRecorded").asLong() + 1
                        && r.get("mediatorsNotRecorded").asLong() == before.get("mediatorsNotRecorded").asLong() + 1);

        Response refused = postAs(ADMIN, "/api/committees/" + committee + "/kind",
                                  Map.of("kind", "ENTERPRISE", "trade", "制造业"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString()).contains("trade.tradeOnlyForProfessional");
        assertThat(postAs(MEDIATOR, "/api/committees/" + committee + "/kind", Map.of("kind", "ENTERPRISE")).status())
                .isEqualTo(403);
        assertThat(postAs(ADMIN, "/api/committees/" + committee + "/mediators/M9/employment",
                          Map.of("fullTime", true)).status()).isEqualTo(400);

        assertThat(postAs(ADMIN, "/api/committees/" + committee + "/kind", Map.of("kind", "ENTERPRISE")).status())
                .isEqualTo(200);
        assertThat(postAs(ADMIN, "/api/committees/" + committee + "/mediators/M1/employment",
                          Map.of("fullTime", true)).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> statistics("region=" + VILLAGE + MAY).get("report"),
                r -> r.get("committeesKindNotRecorded").asLong() == before.get("committeesKindNotRecorded").asLong()
                        && r.get("committeesEnterprise").asLong() == before.get("committeesEnterprise").asLong() + 1
                        && r.get("mediatorsFullTime").asLong() == before.get("mediatorsFullTime").asLong() + 1);
        JsonNode listed = getAs(ANALYST, "/api/committees?region=" + VILLAGE).body();
        JsonNode mine = null;
        for (JsonNode c : listed) {
            if (c.get("id").asText().equals(committee)) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("kind").asText()).isEqualTo("ENTERPRISE");
        assertThat(mine.get("mediators").get(0).get("fullTime").asBoolean()).isTrue();
    }

    @Test
    void theRosterIsCountedAsItStoodAtThePeriodsEnd() {
        String committee = "T" + newId().substring(0, 8);
        String june = "&from=2023-06-01&to=2023-06-30";
        JsonNode mayBefore = statistics("region=" + VILLAGE + MAY).get("report");
        JsonNode juneBefore = statistics("region=" + VILLAGE + june).get("report");
        Response established = postAs(ADMIN, "/api/committees", Map.of("id", committee, "name", "六月新设调委会",
                                                                      "regionCode", VILLAGE, "date", "2023-06-15",
                                                                      "kind", "VILLAGE"));
        assertThat(established.status()).as(String.valueOf(established.body())).isEqualTo(201);
        Response early = request("POST", "/api/committees/" + committee + "/mediators",
                                 Map.of("mediatorId", "M1", "name", "早聘调解员", "date", "2023-06-01"),
                                 Map.of("Authorization", basic(ADMIN), "Accept-Language", "zh-CN"));
        assertThat(early.status()).as(String.valueOf(early.body())).isEqualTo(400);
        assertThat(early.body().toString()).contains("date.beforeEstablished")
                                           .contains("聘任日期 2023-06-01 早于调委会成立日期 2023-06-15");
        assertThat(postAs(ADMIN, "/api/committees/" + committee + "/mediators",
                          Map.of("mediatorId", "M1", "name", "六月调解员", "date", "2023-06-20", "fullTime", true))
                           .status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> statistics("region=" + VILLAGE + june).get("report"),
                r -> r.get("committees").asLong() == juneBefore.get("committees").asLong() + 1
                        && r.get("mediatorsFullTime").asLong() == juneBefore.get("mediatorsFullTime").asLong() + 1);
        JsonNode mayAfter = statistics("region=" + VILLAGE + MAY).get("report");
        assertThat(mayAfter.get("committees").asLong()).as("not yet established in May")
                                                       .isEqualTo(mayBefore.get("committees").asLong());
        assertThat(mayAfter.get("mediators").asLong()).isEqualTo(mayBefore.get("mediators").asLong());

        Response future = postAs(ADMIN, "/api/committees", Map.of("name", "明日调委会", "regionCode", VILLAGE,
                                                                 "date", LocalDate.now(ZoneId.of("Asia/Shanghai"))
                                                                                  .plusDays(2).toString()));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().toString()).contains("date.future");
    }

    private Download report(String region, String period, String format) {
        return downloadAs(ANALYST, "/api/statistics/report?region=" + region + "&" + period + "&format=" + format);
    }

    private static double number(Row row, Integer column) {
        assertThat(column).isNotNull();
        Cell cell = row.getCell(column);
        return cell == null || cell.getCellType() == CellType.BLANK ? 0 : cell.getNumericCellValue();
    }
}
