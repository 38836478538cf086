package cn.mediation.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workbench without a network, in a browser of its own (its service worker and network emulation stay out of
 * the other page tests): submissions wait on the phone as 待同步 and are sent once, in order, when the network
 * returns; the page and its scripts come from the service worker's copy meanwhile.
 */
class OfflineWorkbenchTest extends BrowserTestBase {

    static final String TOWN = WorkbenchPageTest.TOWN;
    static final String VILLAGE = WorkbenchPageTest.VILLAGE;
    static final String NAME = WorkbenchPageTest.NAME;
    static final String ID_NUMBER = WorkbenchPageTest.ID_NUMBER;

    private void phone() {
        browser().manage().window().setSize(new Dimension(390, 844));
    }

    private void fillRegistration(String summary, String idNumber) {
        WebElement form = browser().findElement(By.id("register-form"));
        choose(form.findElement(By.name("villageCode")), VILLAGE);
        choose(form.findElement(By.name("field")), "NEIGHBOURS");
        choose(form.findElement(By.name("source")), "SWEEP");
        form.findElement(By.name("summary")).sendKeys(summary);
        form.findElement(By.name("party-name")).sendKeys("王小明");
        form.findElement(By.name("party-idNumber")).sendKeys(idNumber);
        form.findElement(By.name("party-phone")).sendKeys("13812345678");
    }

    @Test
    void withoutANetworkARegistrationAndAStepWaitOnThePhoneAndAreSentOnceInOrderWhenItReturns() {
        String id = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/disputes/" + id).status() == 200);
        user(NAME, "MEDIATOR", TOWN);
        login(NAME, PASSWORD);
        phone();
        browser().get(url("/?case=" + id));
        // the first page the server sends after a cold start, then the worker's install and claim: slow on a busy machine
        new org.openqa.selenium.support.ui.WebDriverWait(browser(), Duration.ofSeconds(60))
                .until(d -> Boolean.TRUE.equals(script("return navigator.serviceWorker.controller !== null;")));
        // from now on the page and everything it loads pass the service worker, which keeps them
        browser().navigate().refresh();
        waitForStatus("已登记");
        choose(visible(By.name("villageCode")), VILLAGE);
        org.openqa.selenium.chrome.ChromeDriver chrome = (org.openqa.selenium.chrome.ChromeDriver) browser();
        org.openqa.selenium.chromium.ChromiumNetworkConditions offline =
                new org.openqa.selenium.chromium.ChromiumNetworkConditions();
        offline.setOffline(true);
        String summary = "离线登记 " + newId().substring(0, 8);
        try {
            chrome.setNetworkConditions(offline);
            fillRegistration(summary, ID_NUMBER);
            browser().findElement(By.id("register-submit")).click();
            waitFor().until(d -> d.findElement(By.cssSelector("#register-form .form-result")).getText().contains("待同步"));
            step("screening", () -> {
                choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=grade]")), "ORDINARY");
                choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=decision]")), "ACCEPT");
            });
            waitFor().until(d -> d.findElements(By.cssSelector("#outbox li[data-state='pending']")).size() == 2);

            // a reload without a network: the page and its scripts come from the phone, the queue from its storage
            browser().navigate().refresh();
            waitFor().until(d -> d.findElements(By.cssSelector("#outbox li[data-state='pending']")).size() == 2);
            assertThat(script("return navigator.onLine;")).isEqualTo(false);
            visible(By.id("register-submit"));
            assertThat(browser().findElement(By.id("outbox")).getText()).contains(summary).contains("排查研判");
            script("document.getElementById('outbox-panel').scrollIntoView();");
            screenshot("workbench-offline-pending-phone");
            assertThat(countWithSummary(VILLAGE, summary)).as("nothing reached the server").isZero();
            assertThat(get("/api/disputes/" + id + "/history").body().get("events")).hasSize(1);
        } finally {
            chrome.deleteNetworkConditions();
        }
        // the network is back: both are sent, in order, each once
        waitFor().withTimeout(Duration.ofSeconds(40))
                 .until(d -> d.findElements(By.cssSelector("#outbox li")).isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> countWithSummary(VILLAGE, summary) == 1);
        JsonNode screened = get("/api/disputes/" + id + "/history").body().get("events");
        assertThat(screened).hasSize(2);
        assertThat(screened.get(1).get("type").asText()).isEqualTo("DisputeScreened");
        String newId = null;
        for (JsonNode item : get("/api/disputes?region=" + VILLAGE + "&size=200").body().get("items")) {
            if (summary.equals(item.get("summary").asText())) {
                newId = item.get("id").asText();
            }
        }
        JsonNode registration = get("/api/disputes/" + newId + "/history").body().get("events").get(0);
        assertThat(registration.get("globalSequence").asLong()).as("sent in the order they were made")
                .isLessThan(screened.get(1).get("globalSequence").asLong());
    }
}
