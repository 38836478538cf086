package cn.mediation.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auditors' view in a real browser: a case's whole timeline, its state on a date, the verifications. */
class AuditPageTest extends BrowserTestBase {

    /** Each event type's step as the page names it (the pages' one dictionary of step names). */
    static final Map<String, String> STEP_NAMES = Map.of("DisputeRegistered", "登记纠纷", "DisputeScreened", "排查研判",
                                                         "DisputeWithdrawn", "撤回");
    static final java.time.format.DateTimeFormatter BEIJING = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.of("Asia/Shanghai"));

    @Test
    void theTimelineNamesEachStepWithActorAndRoleInBeijingTime() {
        JsonNode registered = post("/api/disputes", sampleRegistration(null)).body();
        String id = registered.get("id").asText();
        post("/api/disputes/" + id + "/screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
        post("/api/disputes/" + id + "/withdrawal", Map.of("reason", "当事人撤回", "date", "2026-03-04"));
        String caseNumber = registered.get("caseNumber").asText();
        await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/disputes?caseNumber=" + caseNumber).body().get("items").size() == 1);
        JsonNode history = get("/api/disputes/" + id + "/history").body().get("events");

        login(AUDITOR, PASSWORD);
        browser().manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
        browser().get(url("/audit?case=" + caseNumber));
        waitFor().until(d -> d.findElements(By.cssSelector("#timeline li")).size() == history.size());
        List<WebElement> entries = browser().findElements(By.cssSelector("#timeline li"));
        for (int i = 0; i < history.size(); i++) {
            String text = entries.get(i).getText();
            JsonNode event = history.get(i);
            assertThat(text).startsWith(STEP_NAMES.get(event.get("type").asText()))
                            .contains(MEDIATOR + "（调解员 · 巴中市）")
                            .contains(BEIJING.format(java.time.Instant.parse(event.get("recordedAt").asText())) + "（北京时间）")
                            .contains(event.get("summary").asText())
                            .doesNotContain(event.get("type").asText())
                            .doesNotContain(event.get("recordedAt").asText());
        }
        // the handling unit by its name (the case number itself carries the committee's code)
        assertThat(browser().findElement(By.id("case-summary")).getText()).contains("村(社区) · 巴州区样例镇一样例村一");
        screenshot("audit-timeline");

        // by business date: the day after its registration (recorded today) the case stood accepted
        WebElement date = browser().findElement(By.id("case-as-of-date"));
        script("arguments[0].value = '2026-03-03';", date);
        browser().findElement(By.cssSelector("#case-as-of-form button")).click();
        waitFor().until(d -> d.findElement(By.id("case-as-of")).getText().contains("按业务日期 2026-03-03"));
        assertThat(browser().findElement(By.id("case-as-of")).getText()).contains(caseNumber, "已受理");
        script("arguments[0].value = '2026-03-01';", date);
        browser().findElement(By.cssSelector("#case-as-of-form button")).click();
        waitFor().until(d -> d.findElement(By.id("case-as-of")).getText().contains("按业务日期 2026-03-01"));
        assertThat(browser().findElement(By.id("case-as-of")).getText()).as("not yet registered by its own dates")
                .contains("该时点尚无此案件").doesNotContain(caseNumber);

        // by recorded time, to the minute: before it was recorded the system knew nothing of it
        new org.openqa.selenium.support.ui.Select(browser().findElement(By.id("case-as-of-kind"))).selectByValue("recorded");
        WebElement time = visible(By.id("case-as-of-time"));
        String recorded = BEIJING.format(java.time.Instant.parse(history.get(0).get("recordedAt").asText()).minusSeconds(60));
        script("arguments[0].value = arguments[1];", time, recorded.substring(0, 16).replace(' ', 'T'));
        browser().findElement(By.cssSelector("#case-as-of-form button")).click();
        waitFor().until(d -> d.findElement(By.id("case-as-of")).getText().contains("按记录时间 " + recorded.substring(0, 16)));
        assertThat(browser().findElement(By.id("case-as-of")).getText()).contains("该时点尚无此案件");
        script("arguments[0].value = arguments[1];", time,
               BEIJING.format(java.time.Instant.now().plusSeconds(60)).substring(0, 16).replace(' ', 'T'));
        browser().findElement(By.cssSelector("#case-as-of-form button")).click();
        waitFor().until(d -> d.findElement(By.id("case-as-of")).getText().contains("已撤回"));
        screenshot("audit-as-of");
    }

    @Test
    void statisticsAsOfADateShowTheirResultForARegionPickedFromTheDirectory() {
        login(AUDITOR, PASSWORD);
        browser().manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
        browser().get(url("/audit"));
        choose(visible(By.id("stats-region-0")), "511902000000");
        choose(visible(By.id("stats-region-1")), "511902101000");
        script("arguments[0].value = '2026-01-01';", browser().findElement(By.id("stats-from")));
        script("arguments[0].value = '2026-12-31';", browser().findElement(By.id("stats-to")));
        script("arguments[0].value = '2026-06-30';", browser().findElement(By.id("stats-as-of-date")));
        browser().findElement(By.cssSelector("#stats-form button")).click();
        waitFor().until(d -> "511902101000".equals(d.findElement(By.id("stats-as-of")).getAttribute("data-region")));
        JsonNode figures = get("/api/statistics?region=511902101000&from=2026-01-01&to=2026-12-31&asOfDate=2026-06-30")
                .body().get("figures");
        WebElement result = browser().findElement(By.id("stats-as-of"));
        assertThat(result.getText()).contains("巴州区样例镇一", "按业务日期 2026-06-30");
        assertThat(result.findElement(By.cssSelector("tr[data-figure='registered'] td")).getText())
                .isEqualTo(figures.get("registered").asText());
        assertThat(result.findElement(By.cssSelector("tr[data-figure='resolved'] td")).getText())
                .isEqualTo(figures.get("resolved").asText());
        assertThat(unlabelledInputs()).isEmpty();
        assertThat(result.findElements(By.id("report-as-of"))).as("by business date: no report made again").isEmpty();
        screenshot("audit-statistics-as-of");

        // as recorded at a time: the official report of those dates, made again as it was then
        choose(browser().findElement(By.id("stats-as-of-kind")), "recorded");
        script("arguments[0].value = '2026-06-30T12:00';", browser().findElement(By.id("stats-as-of-time")));
        browser().findElement(By.cssSelector("#stats-form button")).click();
        WebElement link = waitFor().until(d -> d.findElements(By.id("report-as-of")).stream().findFirst().orElse(null));
        assertThat(link.getText()).isEqualTo("下载该时的上报报表（按当时记录重现）");
        String href = link.getAttribute("href").replaceFirst("^https?://[^/]+", "");
        assertThat(href).contains("region=511902101000").contains("asOf=2026-06-30T04%3A00");
        Download report = downloadAs(AUDITOR, href);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Disposition")).contains("mediation-report-511902101000");
    }

    @Test
    void anAnalystSeesNoAuditLinkAndIsToldWhichRoleThePageNeeds() {
        login(ANALYST, PASSWORD);
        browser().get(url("/dashboard"));
        visible(By.id("figures-title"));
        assertThat(browser().findElements(By.cssSelector("header.top nav a[href='/audit']"))).isEmpty();
        browser().get(url("/audit"));
        assertThat(visible(By.id("denied")).getText()).contains("审计督察", "AUDITOR", "统计分析");
        assertThat(browser().findElements(By.id("timeline"))).isEmpty();
        screenshot("audit-denied-analyst");
        assertThat(getAs(ANALYST, "/audit").status()).isEqualTo(403);
    }

    @Test
    void englishModeShowsTheTimelineInEnglish() {
        String id = post("/api/disputes", sampleRegistration(null)).body().get("id").asText();
        JsonNode view = await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/disputes/" + id),
                                                                       r -> r.status() == 200).body();
        login(AUDITOR, PASSWORD);
        browser().get(url("/audit?lang=en&case=" + view.get("caseNumber").asText()));
        WebElement entry = visible(By.cssSelector("#timeline li"));
        assertThat(entry.getText()).startsWith("Register").contains("Registered", "Neighbours", MEDIATOR + "（Mediator · 巴中市）")
                                   .doesNotContain("邻里");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private cn.mediation.app.storage.MongoConnection mongo;

    @Test
    void aTamperFindingLinksToItsCasesTimeline() {
        JsonNode registered = post("/api/disputes", sampleRegistration(null)).body();
        String id = registered.get("id").asText();
        com.mongodb.client.MongoCollection<org.bson.Document> events = mongo.database().getCollection("events");
        org.bson.Document original = events.find(com.mongodb.client.model.Filters.and(
                com.mongodb.client.model.Filters.eq("aggregateIdentifier", id),
                com.mongodb.client.model.Filters.eq("sequenceNumber", 0L))).first();
        assertThat(original).isNotNull();
        org.bson.Document edited = new org.bson.Document(original);
        edited.put("payload", new org.bson.Document(original.get("payload", org.bson.Document.class))
                .append("summary", "改过的摘要"));
        events.replaceOne(com.mongodb.client.model.Filters.eq("_id", original.get("_id")), edited);
        try {
            login(AUDITOR, PASSWORD);
            browser().manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
            browser().get(url("/audit"));
            visible(By.id("run-tamper")).click();
            WebElement link = waitFor().withTimeout(Duration.ofSeconds(60))
                    .until(d -> d.findElements(By.cssSelector("#findings a.finding-case")).stream()
                                 .filter(a -> a.getAttribute("href").endsWith("id=" + id)).findFirst().orElse(null));
            screenshot("audit-finding");
            link.click();
            waitFor().until(d -> d.getCurrentUrl().endsWith("id=" + id));
            assertThat(visible(By.cssSelector("#timeline li")).getText()).startsWith("登记纠纷");
            assertThat(browser().findElement(By.id("case-summary")).getText())
                    .contains(registered.get("caseNumber").asText());
        } finally {
            // the application is shared with other tests, which verify the log too
            events.replaceOne(com.mongodb.client.model.Filters.eq("_id", original.get("_id")), original);
        }
    }

    @Test
    void aReplayDifferenceIsShownWithItsAreaByNameAndBothValues() {
        String village = "511971101001";
        com.mongodb.client.MongoCollection<org.bson.Document> committees =
                mongo.database().getCollection("committee_views");
        // move the log on, so that no check kept from before the forgery answers
        assertThat(post("/api/sweeps", java.util.Map.of("villageCode", village, "found", 1, "date", "2026-03-01"))
                           .status()).isEqualTo(201);
        org.bson.Document original = committees.find(com.mongodb.client.model.Filters.eq("_id", "C" + village)).first();
        assertThat(original).isNotNull();
        committees.updateOne(com.mongodb.client.model.Filters.eq("_id", "C" + village),
                             new org.bson.Document("$set", new org.bson.Document("kind", "ENTERPRISE")));
        try {
            login(AUDITOR, PASSWORD);
            browser().manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
            browser().get(url("/audit"));
            visible(By.id("run-replay")).click();
            WebElement item = waitFor().withTimeout(Duration.ofSeconds(60)).until(d -> d.findElements(
                    By.cssSelector("#differences li[data-path='" + village + "/committee C" + village + "/kind']"))
                    .stream().findFirst().orElse(null));
            waitFor().until(d -> !item.findElement(By.className("difference-region")).getText().equals(village));
            assertThat(item.getText()).startsWith("巴中经济开发区样例镇一样例村一 · 调委会名册 · ")
                                      .endsWith("：重放得 村(居)，现存 企事业单位");
            screenshot("audit-replay-difference");
        } finally {
            committees.replaceOne(com.mongodb.client.model.Filters.eq("_id", original.get("_id")), original);
            // and on again, so that no later check is answered with the forged one
            post("/api/sweeps", java.util.Map.of("villageCode", village, "found", 1, "date", "2026-03-01"));
        }
    }

    @Test
    void anUnknownCaseNumberIsSaidBesideTheField() {
        login(AUDITOR, PASSWORD);
        browser().get(url("/audit"));
        visible(By.id("case-number")).sendKeys("2026-000000000000-9999");
        browser().findElement(By.cssSelector("#find-form button")).click();
        assertThat(visible(By.cssSelector("#case-number + .field-error")).getText()).isNotBlank();
    }

    @Test
    void bothVerificationsReportAConsistentUntouchedStore() {
        login(AUDITOR, PASSWORD);
        browser().get(url("/audit"));
        visible(By.id("run-tamper")).click();
        waitFor().withTimeout(Duration.ofSeconds(60))
                 .until(d -> !d.findElements(By.cssSelector("#tamper-result [data-ok='true']")).isEmpty());
        screenshot("audit-verified");
        assertThat(unlabelledInputs()).isEmpty();
        browser().manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        browser().navigate().refresh();
        visible(By.id("case-number"));
        assertThat(fitsTheWidth()).as("no sideways scrolling at 360 px").isTrue();
        assertThat(transferredBytes()).isLessThan(1_500_000L);
        screenshot("audit-360px");
    }
}
