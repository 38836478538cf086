package cn.mediation.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard as a county bureau uses it every week, at desktop size (1440×900): comparisons with an earlier
 * period, period presets kept in the URL, the areas below ranked, mediator coverage, the cases behind a figure page
 * by page, charts that label every category and count in whole numbers, and English throughout. Works in
 * 巴中经济开发区 and 恩阳区样例镇二样例村一, apart from the other tests' disputes.
 */
class DashboardViewsPageTest extends BrowserTestBase {

    static final String COUNTY = "511971000000";
    static final String VILLAGE = "511971101002";
    static final String PAGING_VILLAGE = "511903102001";

    @BeforeEach
    void desktop() {
        browser().manage().window().setSize(new Dimension(1440, 900));
    }

    private void caughtUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode projection : getAs(ADMIN, "/api/admin/projections").body().get("projections")) {
                if (!projection.path("caughtUp").asBoolean(true)) {
                    return false;
                }
            }
            return true;
        });
    }

    private void open(String path) {
        browser().get(url(path));
        shown();
    }

    /** Waits until the page has shown a view (the figures box names it once everything is drawn). */
    private void shown() {
        waitFor().until(d -> d.findElement(By.id("figures")).getAttribute("data-view") != null);
    }

    private String resolved(String village, String registered, String resolved) {
        String id = register(village, "NEIGHBOURS", "APPLICATION", registered);
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", registered));
        mediate(id, village, registered);
        step(id, "resolution", Map.of("form", "ORAL", "terms", "和解", "date", resolved));
        return id;
    }

    @Test
    void eachFigureShowsItsChangeWithTheEarlierValueOnHover() {
        // April 2025: 3 resolved; April 2024: 2 resolved — ▲ 50.0%
        for (int i = 1; i <= 3; i++) {
            resolved(VILLAGE, "2025-04-0" + i, "2025-04-1" + i);
        }
        for (int i = 1; i <= 2; i++) {
            resolved(VILLAGE, "2024-04-0" + i, "2024-04-1" + i);
        }
        caughtUp();
        String view = "/dashboard?region=" + VILLAGE + "&from=2025-04-01&to=2025-04-30";
        JsonNode api = getAs(ANALYST, "/api/statistics?region=" + VILLAGE + "&from=2025-04-01&to=2025-04-30&compare=lastYear").body();
        assertThat(api.at("/figures/resolved").asLong()).isEqualTo(3);
        assertThat(api.at("/comparison/figures/resolved").asLong()).isEqualTo(2);

        login(ANALYST, PASSWORD);
        open(view);
        WebElement change = browser().findElement(By.cssSelector(".figure[data-figure='resolved'] .change"));
        assertThat(change.getText()).isEqualTo("▲ 50.0%");
        assertThat(change.getAttribute("class")).contains("good");
        assertThat(change.getAttribute("title")).contains("上年同期", "2024-04-01", "2024-04-30", ": 2");
        new Actions(browser()).moveToElement(change).perform();
        // the rate's change is in percentage points: 100% against 100%
        assertThat(browser().findElement(By.cssSelector(".figure[data-figure='successRate'] .change")).getText())
                .isEqualTo("＝ 持平");
        screenshot("dashboard-comparison");

        new Select(browser().findElement(By.id("compare"))).selectByValue("previous");
        waitFor().until(d -> d.getCurrentUrl().contains("compare=previous"));
        waitFor().until(d -> d.findElement(By.cssSelector(".figure[data-figure='resolved'] .change"))
                              .getAttribute("title").contains("2025-03-01"));
        JsonNode previous = getAs(ANALYST, "/api/statistics?region=" + VILLAGE
                + "&from=2025-04-01&to=2025-04-30&compare=previous").body();
        assertThat(browser().findElement(By.cssSelector(".figure[data-figure='resolved'] .change")).getAttribute("title"))
                .endsWith(": " + previous.at("/comparison/figures/resolved").asText());
    }

    @Test
    void periodPresetsSetTheDatesAndTheViewStaysInTheUrl() {
        login(ANALYST, PASSWORD);
        open("/dashboard?region=" + COUNTY);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // the default is the last twelve months, where the demo year lies
        assertThat(browser().findElement(By.id("from")).getAttribute("value")).isEqualTo(today.minusYears(1).plusDays(1).toString());
        assertThat(new Select(browser().findElement(By.id("preset"))).getFirstSelectedOption().getText()).isEqualTo("近12个月");

        Map<String, String[]> expected = new java.util.LinkedHashMap<>();
        expected.put("thisMonth", new String[]{YearMonth.from(today).atDay(1).toString(), YearMonth.from(today).atEndOfMonth().toString()});
        expected.put("thisQuarter", new String[]{YearMonth.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1).atDay(1).toString(),
                                                 YearMonth.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 3).atEndOfMonth().toString()});
        expected.put("thisYear", new String[]{today.getYear() + "-01-01", today.getYear() + "-12-31"});
        expected.put("lastYear", new String[]{(today.getYear() - 1) + "-01-01", (today.getYear() - 1) + "-12-31"});
        for (Map.Entry<String, String[]> preset : expected.entrySet()) {
            new Select(browser().findElement(By.id("preset"))).selectByValue(preset.getKey());
            String from = preset.getValue()[0];
            String to = preset.getValue()[1];
            waitFor().until(d -> d.getCurrentUrl().contains("from=" + from) && d.getCurrentUrl().contains("to=" + to));
            waitFor().until(d -> String.valueOf(d.findElement(By.id("figures")).getAttribute("data-view")).contains(from + "|" + to));
            assertThat(browser().findElement(By.id("view-title")).getText()).contains(from + " – " + to);
        }
        // the last view reopens as it was sent, preset and all
        browser().navigate().refresh();
        waitFor().until(d -> String.valueOf(d.findElement(By.id("figures")).getAttribute("data-view")).contains(today.getYear() - 1 + "-12-31"));
        assertThat(new Select(browser().findElement(By.id("preset"))).getFirstSelectedOption().getText()).isEqualTo("上年");
        browser().navigate().back();
        waitFor().until(d -> d.getCurrentUrl().contains("to=" + today.getYear() + "-12-31"));
    }

    @Test
    void theAreasBelowRankOnAnyFigureWithTheBestAndWorstMarked() {
        resolved(VILLAGE, "2025-05-02", "2025-05-06");
        resolved(VILLAGE, "2025-05-03", "2025-05-08");
        resolved("511971102001", "2025-05-04", "2025-05-09");
        caughtUp();
        JsonNode api = getAs(ANALYST, "/api/statistics?region=" + COUNTY + "&from=2025-05-01&to=2025-05-31").body();
        List<Long> resolvedByTown = new ArrayList<>();
        api.get("children").forEach(c -> resolvedByTown.add(c.at("/figures/resolved").asLong()));
        resolvedByTown.sort((a, b) -> Long.compare(b, a));

        login(ANALYST, PASSWORD);
        open("/dashboard?region=" + COUNTY + "&from=2025-05-01&to=2025-05-31");
        browser().findElement(By.cssSelector("#children th button[data-rank='resolved']")).click();
        waitFor().until(d -> d.getCurrentUrl().contains("rank=resolved"));
        waitFor().until(d -> String.valueOf(d.findElement(By.id("figures")).getAttribute("data-view")).endsWith("|resolved"));
        List<WebElement> rows = browser().findElements(By.cssSelector("#children-table tbody tr[data-region]"));
        List<Long> shown = new ArrayList<>();
        for (WebElement row : rows) {
            shown.add(Long.parseLong(row.findElement(By.cssSelector("td[data-figure='resolved']")).getText()));
        }
        assertThat(shown).isEqualTo(resolvedByTown);
        assertThat(rows.get(0).getAttribute("class")).contains("best");
        assertThat(rows.get(rows.size() - 1).getAttribute("class")).contains("worst");
        script("document.getElementById('children').scrollIntoView();");
        screenshot("dashboard-ranking");

        // any figure, also one the table does not show by default: it is added as a column; fewer is better here
        new Select(browser().findElement(By.id("rank-by"))).selectByValue("meanDaysToResolve");
        waitFor().until(d -> d.getCurrentUrl().contains("rank=meanDaysToResolve"));
        waitFor().until(d -> !d.findElements(By.cssSelector("#children-table td[data-figure='meanDaysToResolve']")).isEmpty());
        String firstTown = browser().findElement(By.cssSelector("#children-table tbody tr[data-region]")).getAttribute("data-region");
        JsonNode best = null;
        for (JsonNode child : api.get("children")) {
            JsonNode days = child.at("/figures/meanDaysToResolve");
            if (!days.isNull() && (best == null || days.decimalValue().compareTo(best.at("/figures/meanDaysToResolve").decimalValue()) < 0)) {
                best = child;
            }
        }
        assertThat(firstTown).isEqualTo(best.at("/region/code").asText());
    }

    @Test
    void mediatorCoverageIsShownWithItsVillages() {
        login(ANALYST, PASSWORD);
        open("/dashboard?region=" + COUNTY + "&from=2025-01-01&to=2025-01-31");
        JsonNode mediators = getAs(ANALYST, "/api/statistics?region=" + COUNTY + "&from=2025-01-01&to=2025-01-31")
                .body().get("mediators");
        // the roster as it stood at the end of the period shown
        assertThat(browser().findElement(By.id("coverage-as-of")).getText()).isEqualTo("在册人数截至 2025-01-31");
        assertThat(browser().findElement(By.id("coverage-villages")).getText()).isEqualTo(mediators.get("villages").asText());
        assertThat(browser().findElement(By.id("coverage-under")).getText())
                .isEqualTo(mediators.get("villagesUnderMinimum").asText());
        if (mediators.get("villagesUnderMinimum").asInt() == 0) {
            assertThat(browser().findElement(By.id("coverage")).getText()).contains("各村均已配备3名以上调解员");
        } else {
            assertThat(browser().findElements(By.cssSelector("#coverage-list li")))
                    .hasSize(mediators.get("villagesUnderMinimum").asInt());
        }
        // the areas below can be ranked on it too
        new Select(browser().findElement(By.id("rank-by"))).selectByValue("villagesUnderMinimum");
        waitFor().until(d -> !d.findElements(By.cssSelector("#children-table td[data-figure='villagesUnderMinimum']")).isEmpty());
    }

    @Test
    void theCasesBehindAFigureComePageByPageWithTheirVillagesNamed() {
        for (int i = 0; i < 53; i++) {
            register(PAGING_VILLAGE, "CONTRACT", "APPLICATION", "2024-10-" + String.format("%02d", 1 + i % 28));
        }
        caughtUp();
        login(AUDITOR, PASSWORD);
        open("/dashboard?region=" + PAGING_VILLAGE + "&from=2024-10-01&to=2024-10-31");
        browser().findElement(By.cssSelector(".figure[data-figure='registered']")).click();
        WebElement page = visible(By.id("cases-page"));
        assertThat(page.getText()).isEqualTo("第 1 / 2 页，共 53 件");
        assertThat(browser().findElements(By.cssSelector("#cases tbody tr"))).hasSize(50);
        // the village by its name (the case number carries the committee's code, the village column does not)
        assertThat(browser().findElement(By.cssSelector("#cases tbody tr")).findElements(By.tagName("td")).get(1).getText())
                .isEqualTo("恩阳区样例镇二样例村一");
        script("document.getElementById('cases-panel').scrollIntoView();");
        screenshot("dashboard-cases-paged");
        browser().findElement(By.id("cases-next")).click();
        waitFor().until(d -> d.findElement(By.id("cases-page")).getText().startsWith("第 2 / 2 页"));
        assertThat(browser().findElements(By.cssSelector("#cases tbody tr"))).hasSize(3);
        assertThat(browser().findElement(By.id("cases-next")).isEnabled()).isFalse();
    }

    @Test
    void chartsLabelEveryFieldCountInWholeNumbersAndShowASingleFlowPlainly() {
        String id = register(VILLAGE, "LABOUR_WAGES", "APPLICATION", "2025-06-02");
        step(id, "screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2025-06-02"));
        mediate(id, VILLAGE, "2025-06-03");
        step(id, "escalation", Map.of("to", "TOWN", "reason", "村级难以化解", "date", "2025-06-04"));
        caughtUp();
        login(ANALYST, PASSWORD);
        open("/dashboard?region=" + VILLAGE + "&from=2025-06-01&to=2025-06-30");
        String chart = "const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));";
        waitFor().until(d -> (Boolean) script(chart + "return !!c && c.getOption().series.length > 0;", "by-field-chart"));
        long labels = ((Number) script(chart + "return c.getModel().getComponent('yAxis').axis.getViewLabels().length;",
                                       "by-field-chart")).longValue();
        assertThat(labels).as("every field labelled").isEqualTo(18);
        @SuppressWarnings("unchecked")
        List<Number> ticks = (List<Number>) script(chart
                + "return c.getModel().getComponent('xAxis').axis.scale.getTicks().map(t => t.value);", "by-field-chart");
        assertThat(ticks).isNotEmpty().allMatch(v -> v.doubleValue() == Math.rint(v.doubleValue()));
        assertThat(ticks.get(ticks.size() - 1).doubleValue()).isGreaterThanOrEqualTo(1);

        // one flow: one labelled bar, and the table says it in words
        waitFor().until(d -> (Boolean) script(chart + "return !!c && c.getOption().series.length > 0;", "flows-chart"));
        assertThat(script(chart + "return c.getOption().series[0].type;", "flows-chart")).isEqualTo("bar");
        assertThat(script(chart + "return c.getOption().yAxis[0].data;", "flows-chart")).isEqualTo(List.of("村(社区) → 乡镇"));
        assertThat(browser().findElement(By.cssSelector("#flows tbody")).getText()).contains("村(社区)", "乡镇", "1");
        script("document.getElementById('by-field-chart').scrollIntoView();");
        screenshot("dashboard-charts");
    }

    @Test
    void englishModeNamesTheFieldsInTheCharts() {
        login(ANALYST, PASSWORD);
        browser().get(url("/dashboard?region=" + COUNTY + "&lang=en"));
        shown();
        String chart = "const c = echarts.getInstanceByDom(document.getElementById('by-field-chart'));";
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) script(chart + "return c.getOption().yAxis[0].data;");
        assertThat(names).contains("Neighbours").noneMatch(n -> n.matches(".*[\\u4e00-\\u9fff].*"));
        assertThat(browser().findElement(By.cssSelector("#by-field tbody")).getAttribute("textContent")).contains("Neighbours");
        browser().get(url("/dashboard?lang=zh_CN"));
        visible(By.id("figures-title"));
    }
}
