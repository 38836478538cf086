package cn.mediation.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The county dashboard in a real browser: its numbers are the statistics API's, drill-down keeps the URL. */
class DashboardPageTest extends BrowserTestBase {

    static final String COUNTY = "511902000000";
    static final String TOWN = "511902101000";
    static final String VILLAGE = "511902101001";
    static final String PERIOD = "&from=2026-01-01&to=2026-12-31";

    @BeforeEach
    void someCases() {
        for (int i = 0; i < 2; i++) {
            String id = post("/api/disputes", sampleRegistration(null)).body().get("id").asText();
            post("/api/disputes/" + id + "/screening", Map.of("grade", "MAJOR", "decision", "ACCEPT", "date", "2026-03-03"));
        }
        // the figures settle once the projection has caught up with the commands just sent
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode projections = getAs(ADMIN, "/api/admin/projections").body().get("projections");
            for (JsonNode projection : projections) {
                if (!projection.path("caughtUp").asBoolean(true)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The figure as the page formats it: rates as percentages with two decimals, absent as a dash. */
    static String onScreen(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return "—";
        }
        if (name.equals("successRate") || name.equals("keptLocalRate")) {
            return value.decimalValue().multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP) + "%";
        }
        // the page shows numbers as JavaScript prints them: 2.50 as 2.5, 0.0 as 0
        return value.decimalValue().stripTrailingZeros().toPlainString();
    }

    private void waitForRegion(String region) {
        waitFor().until(d -> region.equals(d.findElement(By.id("figures")).getAttribute("data-region")));
    }

    @Test
    void theDashboardShowsTheStatisticsApisNumbers() {
        login(ANALYST, PASSWORD);
        browser().get(url("/dashboard?region=" + COUNTY + PERIOD));
        waitForRegion(COUNTY);
        JsonNode figures = getAs(ANALYST, "/api/statistics?region=" + COUNTY + PERIOD).body().get("figures");
        figures.fields().forEachRemaining(entry -> {
            WebElement value = browser().findElement(
                    By.cssSelector(".figure[data-figure='" + entry.getKey() + "'] .value"));
            assertThat(value.getText()).as(entry.getKey()).isEqualTo(onScreen(entry.getKey(), entry.getValue()));
        });
        assertThat(figures.get("registered").asLong()).isPositive();
        screenshot("dashboard-county");
    }

    @Test
    void drillingDownToAVillageAndBackKeepsTheViewInTheUrl() {
        login(ANALYST, PASSWORD);
        browser().get(url("/dashboard?region=" + CITY + PERIOD));
        waitForRegion(CITY);
        browser().findElement(By.cssSelector("#children a[data-region='" + COUNTY + "']")).click();
        waitForRegion(COUNTY);
        assertThat(browser().getCurrentUrl()).contains("region=" + COUNTY).contains("from=2026-01-01");
        visible(By.cssSelector("#children a[data-region='" + TOWN + "']")).click();
        waitForRegion(TOWN);
        visible(By.cssSelector("#children a[data-region='" + VILLAGE + "']")).click();
        waitForRegion(VILLAGE);
        assertThat(browser().getCurrentUrl()).contains("region=" + VILLAGE);
        assertThat(browser().findElement(By.id("breadcrumb")).getText()).contains("巴中市").contains("巴州区");
        screenshot("dashboard-village");

        browser().navigate().back();
        waitForRegion(TOWN);
        browser().findElement(By.cssSelector("#breadcrumb a")).click();
        waitForRegion(CITY);
        assertThat(browser().getCurrentUrl()).contains("region=" + CITY);

        // a bookmarked view opens as it was sent
        browser().get(url("/dashboard?region=" + TOWN + "&from=2026-03-01&to=2026-03-31"));
        waitForRegion(TOWN);
        assertThat(browser().findElement(By.id("from")).getAttribute("value")).isEqualTo("2026-03-01");
    }

    @Test
    void aFigureOpensTheCasesBehindIt() {
        login(AUDITOR, PASSWORD);
        browser().get(url("/dashboard?region=" + VILLAGE + PERIOD));
        waitForRegion(VILLAGE);
        long registered = Long.parseLong(browser().findElement(
                By.cssSelector(".figure[data-figure='registered'] .value")).getText());
        browser().findElement(By.cssSelector(".figure[data-figure='registered']")).click();
        WebElement cases = visible(By.cssSelector("#cases table"));
        // a page of fifty at most, and the total above it
        assertThat(cases.findElements(By.cssSelector("tbody tr"))).hasSize((int) Math.min(registered, 50));
        assertThat(browser().findElement(By.id("cases-page")).getText()).endsWith("共 " + registered + " 件");
        assertThat(cases.findElement(By.cssSelector("tbody a")).getAttribute("href")).contains("/audit?case=");
    }

    @Test
    void theDashboardFitsAPhoneLabelsEveryInputAndStaysLight() {
        login(ANALYST, PASSWORD);
        browser().manage().window().setSize(new Dimension(360, 800));
        browser().get(url("/dashboard?region=" + COUNTY + PERIOD));
        waitForRegion(COUNTY);
        assertThat(fitsTheWidth()).as("no sideways scrolling at 360 px").isTrue();
        assertThat(unlabelledInputs()).isEmpty();
        assertThat(transferredBytes()).isLessThan(1_500_000L);
        screenshot("dashboard-360px");
    }

    @Test
    void theEnglishSwitchKeepsTheViewAndIsRemembered() {
        login(ANALYST, PASSWORD);
        browser().get(url("/dashboard?region=" + TOWN + PERIOD));
        waitForRegion(TOWN);
        assertThat(browser().findElement(By.id("figures-title")).getText()).isEqualTo("主要指标");
        browser().findElement(By.id("lang-switch")).click();
        waitForRegion(TOWN);
        assertThat(browser().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser().findElement(By.id("figures-title")).getText()).isEqualTo("Figures");
        assertThat(browser().findElement(By.cssSelector(".figure[data-figure='registered'] .name")).getText())
                .isEqualTo("Registered");
        browser().get(url("/dashboard"));
        assertThat(visible(By.id("figures-title")).getText()).as("remembered").isEqualTo("Figures");
        browser().findElement(By.id("lang-switch")).click();
        assertThat(visible(By.id("figures-title")).getText()).isEqualTo("主要指标");
    }

    @Test
    void theExportDownloadsAWorkbookWhoseCellsAreTheNumbersOnScreen() throws Exception {
        login(ANALYST, PASSWORD);
        browser().get(url("/dashboard?region=" + COUNTY + PERIOD));
        waitForRegion(COUNTY);
        java.util.Map<String, String> screen = new java.util.HashMap<>();
        for (WebElement figure : browser().findElements(By.cssSelector(".figure[data-figure]"))) {
            screen.put(figure.getAttribute("data-figure"), figure.findElement(By.className("value")).getText());
        }
        try (java.util.stream.Stream<java.nio.file.Path> old = java.nio.file.Files.list(DOWNLOADS)) {
            for (java.nio.file.Path file : old.toList()) {
                java.nio.file.Files.delete(file);
            }
        }
        browser().findElement(By.id("export-xlsx")).click();
        java.nio.file.Path workbook = await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(DOWNLOADS)) {
                return files.filter(f -> f.toString().endsWith(".xlsx")).findFirst().orElse(null);
            }
        }, java.util.Objects::nonNull);
        assertThat(workbook.getFileName().toString()).contains("巴州区");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                java.nio.file.Files.newInputStream(workbook))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("统计");
            org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            org.apache.poi.ss.usermodel.Row header = null;
            org.apache.poi.ss.usermodel.Row total = null;
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                String first = formatter.formatCellValue(row.getCell(0));
                if (first.equals("地区")) {
                    header = row;
                } else if (header != null && first.equals("合计")) {
                    total = row;
                    break;
                }
            }
            assertThat(header).isNotNull();
            assertThat(total).isNotNull();
            int checked = 0;
            for (cn.mediation.query.export.ReportColumns.Column column : cn.mediation.query.export.ReportColumns.all()) {
                for (org.apache.poi.ss.usermodel.Cell cell : header) {
                    if (column.heading().equals(formatter.formatCellValue(cell))) {
                        String shown = screen.get(column.figure());
                        String exported = formatter.formatCellValue(total.getCell(cell.getColumnIndex()));
                        assertThat(sameNumber(exported.isEmpty() ? "—" : exported, shown))
                                .as(column.figure() + ": workbook " + exported + ", screen " + shown).isTrue();
                        checked++;
                    }
                }
            }
            assertThat(checked).isEqualTo(screen.size());
        }
    }

    /** Equal as numbers (2.50 = 2.5, 66.67% = 66.67%), or both absent. */
    private static boolean sameNumber(String a, String b) {
        if (a.equals("—") || b.equals("—")) {
            return a.equals(b);
        }
        boolean percent = a.endsWith("%");
        if (percent != b.endsWith("%")) {
            return false;
        }
        return new BigDecimal(a.replace("%", "")).compareTo(new BigDecimal(b.replace("%", ""))) == 0;
    }
}
