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

    @Test
    void theTimelineListsEveryEventWithActorAndTime() {
        JsonNode registered = post("/api/disputes", sampleRegistration(null)).body();
        String id = registered.get("id").asText();
        post("/api/disputes/" + id + "/screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
        post("/api/disputes/" + id + "/withdrawal", Map.of("reason", "当事人撤回", "date", "2026-03-04"));
        String caseNumber = registered.get("caseNumber").asText();
        await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/disputes?caseNumber=" + caseNumber).body().get("items").size() == 1);
        JsonNode history = get("/api/disputes/" + id + "/history").body().get("events");

        login(AUDITOR, PASSWORD);
        browser().get(url("/audit?case=" + caseNumber));
        waitFor().until(d -> d.findElements(By.cssSelector("#timeline li")).size() == history.size());
        List<WebElement> entries = browser().findElements(By.cssSelector("#timeline li"));
        for (int i = 0; i < history.size(); i++) {
            String text = entries.get(i).getText();
            assertThat(text).contains(history.get(i).get("type").asText())
                            .contains(history.get(i).get("actor").asText())
                            .contains(java.time.Instant.parse(history.get(i).get("recordedAt").asText())
                                              .atZone(java.time.ZoneId.of("Asia/Shanghai"))
                                              .format(java.time.format.DateTimeFormatter.ofPattern(
                                                      "yyyy-MM-dd HH:mm:ss")) + " (北京时间)");
        }
        screenshot("audit-timeline");

        WebElement date = browser().findElement(By.id("case-as-of-date"));
        date.clear();
        script("arguments[0].value = '2000-01-01';", date);
        browser().findElement(By.cssSelector("#case-as-of-form button")).click();
        waitFor().until(d -> !d.findElement(By.id("case-as-of")).getText().isBlank());
        assertThat(browser().findElement(By.id("case-as-of")).getText()).as("the case did not exist then")
                .doesNotContain(caseNumber);
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
