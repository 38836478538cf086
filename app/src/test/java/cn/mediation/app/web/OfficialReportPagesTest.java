package cn.mediation.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the official report asks of the pages, used as their people would: a village mediator on a phone records a
 * referral's referrer and a resolution's prevention outcomes (a refusal in Chinese first, a reload after each step);
 * an administrator records a trade committee and a full-time mediator; an analyst finds 上报报表 for this month.
 */
class OfficialReportPagesTest extends BrowserTestBase {

    static final String TOWN = "511902102000";
    static final String VILLAGE = "511902102003";
    static final String NAME = "report-mediator";

    /** The step shows, and a reload (the case kept in the address) shows it again. */
    private void reloadAndWaitFor(String status) {
        waitFor().until(d -> d.findElement(By.id("case-view")).getText().contains(status));
        browser().navigate().refresh();
        waitFor().until(d -> d.findElement(By.id("case-view")).getText().contains(status));
    }

    @Test
    void aVillageMediatorRecordsTheReferrerAndWhatTheResolutionPrevented() {
        browser().manage().window().setSize(new Dimension(390, 844));
        user(NAME, "MEDIATOR", VILLAGE);
        login(NAME, PASSWORD);
        browser().get(url("/"));
        WebElement form = visible(By.id("register-form"));
        WebElement referrer = form.findElement(By.name("referredBy"));
        assertThat(referrer.isDisplayed()).as("asked only for a referral").isFalse();
        choose(form.findElement(By.name("field")), "NEIGHBOURS");
        choose(form.findElement(By.name("source")), "REFERRAL");
        waitFor().until(d -> referrer.isDisplayed());
        choose(referrer, "POLICE");
        String summary = "派出所移送的邻里纠纷 " + newId();
        form.findElement(By.name("summary")).sendKeys(summary);
        form.findElement(By.name("party-name")).sendKeys("张三");
        browser().findElement(By.id("register-submit")).click();
        WebElement result = browser().findElement(By.cssSelector("#register-form .form-result"));
        waitFor().until(d -> !result.getText().isBlank());
        String caseNumber = result.getAttribute("data-case-number");
        assertThat(fitsTheWidth()).isTrue();
        reloadAndWaitFor("已登记");

        step("screening", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=grade]")), "ORDINARY");
            choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=decision]")), "ACCEPT");
        });
        reloadAndWaitFor("已受理");
        step("mediation", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='mediation'] [name=committeeId]")), "C" + VILLAGE);
            visible(By.cssSelector("form[data-step='mediation'] [name=mediatorIds][value='C" + VILLAGE + "-M1']")).click();
        });
        reloadAndWaitFor("调解中");

        // the persons of an outcome must be at least one: refused beside the outcome, in Chinese
        step("resolution", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='resolution'] [name=form]")), "ORAL");
            browser().findElement(By.cssSelector("form[data-step='resolution'] [name=terms]")).sendKeys("当面赔礼道歉");
            browser().findElement(By.cssSelector("form[data-step='resolution'] [name='prevention-GROUP_PETITION']")).click();
            WebElement persons = browser().findElement(By.cssSelector("form[data-step='resolution'] [name='persons-GROUP_PETITION']"));
            persons.clear();
            persons.sendKeys("0");
        });
        WebElement error = visible(By.cssSelector("form[data-step='resolution'] .field-error"));
        assertThat(error.getText()).contains("必须在 1 到 100000 之间");
        screenshot("report-prevention-refused");
        WebElement persons = browser().findElement(By.cssSelector("form[data-step='resolution'] [name='persons-GROUP_PETITION']"));
        persons.clear();
        persons.sendKeys("8");
        browser().findElement(By.cssSelector("form[data-step='resolution'] button[type=submit]")).click();
        reloadAndWaitFor("调解成功");

        JsonNode found = get("/api/disputes?caseNumber=" + caseNumber).body().get("items");
        String id = found.get(0).get("id").asText();
        JsonNode history = getAs(AUDITOR, "/api/disputes/" + id + "/history").body().get("events");
        assertThat(history.get(0).get("summary").asText()).contains("（公安机关移送）");
        assertThat(history.get(history.size() - 1).get("summary").asText()).endsWith("预防效果：防止群体性上访 8 人");
    }

    @Test
    void anAdministratorRecordsATradeCommitteeAndAFullTimeMediator() {
        browser().manage().window().setSize(new Dimension(1440, 900));
        login(ADMIN, ADMIN_PASSWORD);
        browser().get(url("/admin"));
        WebElement area = visible(By.id("area-0"));
        choose(area, "511902000000");
        WebElement form = browser().findElement(By.id("committee-form"));
        String name = "巴州区道路交通事故纠纷人民调解委员会" + newId().substring(0, 4);
        form.findElement(By.name("name")).sendKeys(name);
        choose(form.findElement(By.name("kind")), "PROFESSIONAL");
        WebElement trade = form.findElement(By.name("trade"));
        waitFor().until(d -> trade.isDisplayed());
        trade.sendKeys("道路交通");
        // established before the system was in use: the day it was set up, not today
        script("arguments[0].value = '2024-03-01'", form.findElement(By.name("date")));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor().until(d -> d.findElement(By.id("committees")).getText().contains(name));
        assertThat(browser().findElement(By.id("committees")).getText()).contains("行业性专业性").contains("道路交通");
        waitFor().until(d -> d.findElement(By.id("committees")).getText().contains("2024-03-01"));

        WebElement mediator = browser().findElement(By.id("mediator-form"));
        WebElement committee = mediator.findElement(By.name("committee"));
        String committeeId = (String) script("return [...arguments[0].options].find(o => o.text === arguments[1]).value",
                                             committee, name);
        choose(committee, committeeId);
        mediator.findElement(By.name("name")).sendKeys("刘专职");
        mediator.findElement(By.name("fullTime")).click();
        mediator.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor().until(d -> d.findElement(By.id("committees")).getText().contains("刘专职（专职）"));
        screenshot("admin-committees");
        // a correction: the mediator serves part-time after all
        WebElement tick = browser().findElement(By.cssSelector("[data-committee='" + committeeId
                                                               + "'] input[data-full-time-of]"));
        tick.click();
        waitFor().until(d -> d.findElement(By.id("committees")).getText().contains("刘专职（兼职）"));
        idle();

        // a correction of the kind in place: an enterprise committee, then a trade committee of another trade
        By kind = By.cssSelector("select[data-kind-of='" + committeeId + "']");
        choose(browser().findElement(kind), "ENTERPRISE");
        assertThat(browser().findElement(By.cssSelector("[data-trade-of='" + committeeId + "']")).isDisplayed())
                .as("a trade is asked of a trade committee only").isFalse();
        browser().findElement(By.cssSelector("[data-save-kind-of='" + committeeId + "']")).click();
        waitFor().until(d -> "ENTERPRISE".equals(d.findElement(kind).getAttribute("value")));
        idle();
        choose(browser().findElement(kind), "PROFESSIONAL");
        WebElement newTrade = browser().findElement(By.cssSelector("[data-trade-of='" + committeeId + "']"));
        newTrade.clear();
        newTrade.sendKeys("交通运输");
        browser().findElement(By.cssSelector("[data-save-kind-of='" + committeeId + "']")).click();
        waitFor().until(d -> d.findElement(By.cssSelector("[data-committee='" + committeeId + "']")).getText()
                              .contains("交通运输"));

        // and after a reload the page shows what was recorded
        browser().navigate().refresh();
        choose(visible(By.id("area-0")), "511902000000");
        waitFor().until(d -> d.findElement(By.id("committees")).getText().contains("刘专职（兼职）"));
    }

    /** The committees table is not being re-read after a change (the page marks it busy meanwhile). */
    private void idle() {
        waitFor().until(d -> d.findElement(By.id("committees")).getAttribute("aria-busy") == null);
    }

    @Test
    void anAnalystFindsTheReportOfThisMonth() {
        browser().manage().window().setSize(new Dimension(1440, 900));
        login(ANALYST, PASSWORD);
        browser().get(url("/dashboard"));
        choose(visible(By.id("preset")), "thisMonth");
        browser().findElement(By.cssSelector("#period-form button[type=submit]")).click();
        String month = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString().substring(0, 7);
        WebElement link = browser().findElement(By.id("official-report"));
        waitFor().until(d -> link.getAttribute("href").contains("period=" + month));
        waitFor().until(d -> d.findElement(By.id("report-figures")).getText().contains("受理（件）"));
        assertThat(browser().findElement(By.id("report-figures")).getText()).contains("防止群体性上访");
        screenshot("dashboard-report-figures");
        // each report figure shows the same month a year earlier beside it, as the API gives it
        JsonNode api = getAs(ANALYST, "/api/statistics?region=" + CITY + "&from=" + month + "-01&to="
                + YearMonth.parse(month).atEndOfMonth() + "&compare=lastYear").body();
        assertThat(browser().findElement(By.cssSelector("#report-figures [data-card=accepted] .change"))
                            .getAttribute("data-earlier")).isEqualTo(api.at("/comparison/report/accepted").asText());
        // a report figure opens the cases it counts, as many as it says; the roster opens nothing
        WebElement accepted = browser().findElement(By.cssSelector("#report-figures [data-drill=accepted]"));
        String value = accepted.getText();
        accepted.click();
        waitFor().until(d -> "accepted".equals(d.findElement(By.id("cases-figure")).getAttribute("data-figure")));
        assertThat(browser().findElement(By.id("cases-page")).getAttribute("data-total")).isEqualTo(value);
        assertThat(browser().findElement(By.id("cases-figure")).getText()).startsWith("受理（件）: " + value);
        assertThat(browser().findElements(By.cssSelector("#report-figures [data-report=committees] button"))).isEmpty();
        Download report = downloadAs(ANALYST, link.getAttribute("href").replaceFirst("^https?://[^/]+", ""));
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Disposition")).contains("mediation-report-").contains(month);
    }
}
