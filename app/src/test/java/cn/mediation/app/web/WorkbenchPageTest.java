package cn.mediation.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mediators' workbench in a real browser: register and carry a case through its life by the forms. */
class WorkbenchPageTest extends BrowserTestBase {

    static final String TOWN = "511902101000";
    static final String VILLAGE = "511902101001";
    static final String NAME = "web-mediator";
    static final String ID_NUMBER = "11010519491231002X";

    private void openWorkbench() {
        user(NAME, "MEDIATOR", TOWN);
        login(NAME, PASSWORD);
        browser().get(url("/"));
        choose(visible(By.name("villageCode")), VILLAGE);
    }

    private void fillRegistration(String summary, String idNumber) {
        WebElement form = browser().findElement(By.id("register-form"));
        choose(form.findElement(By.name("villageCode")), VILLAGE);
        choose(form.findElement(By.name("field")), "NEIGHBOURS");
        choose(form.findElement(By.name("source")), "SWEEP");
        form.findElement(By.name("summary")).clear();
        form.findElement(By.name("summary")).sendKeys(summary);
        form.findElement(By.name("party-name")).clear();
        form.findElement(By.name("party-name")).sendKeys("王小明");
        form.findElement(By.name("party-idNumber")).clear();
        form.findElement(By.name("party-idNumber")).sendKeys(idNumber);
        form.findElement(By.name("party-phone")).clear();
        form.findElement(By.name("party-phone")).sendKeys("13812345678");
    }

    private String registered() {
        WebElement result = browser().findElement(By.cssSelector("#register-form .form-result"));
        waitFor().until(d -> !result.getText().isBlank());
        return result.getAttribute("data-case-number");
    }

    private void step(String step, Runnable fill) {
        // the step's form sits folded inside its <details> until its summary is clicked
        WebElement form = waitFor().until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form.step[data-step='" + step + "']")));
        WebElement details = form.findElement(By.xpath("./ancestor::details"));
        details.findElement(By.tagName("summary")).click();
        fill.run();
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void waitForStatus(String chinese) {
        waitFor().until(d -> d.findElement(By.id("case-view")).getText().contains(chinese));
    }

    @Test
    void aMediatorRegistersScreensMediatesAndResolvesThroughTheForms() {
        openWorkbench();
        String summary = "网页登记 " + newId();
        fillRegistration(summary, "110105194912310021");
        browser().findElement(By.id("register-submit")).click();
        WebElement error = visible(By.cssSelector("[data-field='parties[0].idNumber'] + .field-error"));
        assertThat(error.getText()).contains("check digit");
        screenshot("workbench-error-beside-field");

        fillRegistration(summary, ID_NUMBER);
        browser().findElement(By.id("register-submit")).click();
        String caseNumber = registered();
        assertThat(caseNumber).startsWith("2026-" + VILLAGE + "-");
        waitForStatus("已登记");

        step("screening", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=grade]")), "ORDINARY");
            choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=decision]")), "ACCEPT");
        });
        waitForStatus("已受理");
        step("mediation", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='mediation'] [name=committeeId]")),
                   "C" + VILLAGE);
            visible(By.cssSelector("form[data-step='mediation'] [name=mediatorIds][value='C" + VILLAGE + "-M1']"))
                    .click();
        });
        waitForStatus("调解中");
        step("resolution", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='resolution'] [name=form]")), "WRITTEN");
            browser().findElement(By.cssSelector("form[data-step='resolution'] [name=terms]")).sendKeys("赔偿并致歉");
        });
        waitForStatus("调解成功");
        screenshot("workbench-resolved");

        JsonNode found = get("/api/disputes?caseNumber=" + caseNumber).body().get("items");
        assertThat(found).hasSize(1);
        JsonNode history = get("/api/disputes/" + found.get(0).get("id").asText() + "/history").body().get("events");
        List<String> types = new ArrayList<>();
        history.forEach(event -> {
            types.add(event.get("type").asText());
            assertThat(event.get("actor").asText()).isEqualTo(NAME);
        });
        assertThat(types).containsExactly("DisputeRegistered", "DisputeScreened", "MediationStarted", "DisputeResolved");
    }

    @Test
    void aDoubleTapRegistersOnce() {
        openWorkbench();
        String summary = "双击测试 " + newId();
        fillRegistration(summary, ID_NUMBER);
        script("const b = document.getElementById('register-submit'); b.click(); b.click();"
                       + "document.getElementById('register-form').requestSubmit();");
        String caseNumber = registered();
        await().atMost(Duration.ofSeconds(20)).until(() -> countWithSummary(summary) >= 1);
        browser().navigate().refresh();
        choose(visible(By.name("villageCode")), VILLAGE);
        assertThat(countWithSummary(summary)).as("one case for " + caseNumber).isEqualTo(1);
    }

    private int countWithSummary(String summary) {
        int count = 0;
        for (JsonNode item : get("/api/disputes?region=" + VILLAGE + "&size=200").body().get("items")) {
            if (summary.equals(item.get("summary").asText())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void theWorkbenchFitsAPhoneLabelsEveryInputAndStaysLight() {
        openWorkbench();
        browser().manage().window().setSize(new Dimension(360, 800));
        browser().navigate().refresh();
        choose(visible(By.name("villageCode")), VILLAGE);
        assertThat(fitsTheWidth()).as("no sideways scrolling at 360 px").isTrue();
        assertThat(unlabelledInputs()).isEmpty();
        assertThat(transferredBytes()).isLessThan(1_500_000L);
        screenshot("workbench-360px");
    }

    @Test
    void openCasesCarryTheirOverdueColour() {
        java.util.Map<String, Object> old = sampleRegistration(null);
        old.put("date", java.time.LocalDate.now().minusDays(60).toString());
        old.put("occurredOn", null);
        String oldId = post("/api/disputes", old).body().get("id").asText();
        java.util.Map<String, Object> fresh = sampleRegistration(null);
        fresh.put("date", java.time.LocalDate.now().minusDays(1).toString());
        fresh.put("occurredOn", null);
        String freshId = post("/api/disputes", fresh).body().get("id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/disputes/" + freshId).status() == 200
                && get("/api/disputes/" + oldId).status() == 200);
        openWorkbench();
        assertThat(visible(By.cssSelector("button.case[data-id='" + oldId + "'] .dot")).getAttribute("class"))
                .isEqualTo("dot red");
        assertThat(visible(By.cssSelector("button.case[data-id='" + freshId + "'] .dot")).getAttribute("class"))
                .isEqualTo("dot green");
    }

    @Test
    void theLoginAndTheRegistrationFormWorkFromTheKeyboard() {
        user(NAME, "MEDIATOR", TOWN);
        browser().get(url("/login"));
        // the user name field gets the focus (autofocus applies with the page's first rendering, which a busy machine
        // may run after the load event: wait for it); Tab moves to the password, Enter submits
        waitFor().until(d -> "username".equals(d.switchTo().activeElement().getAttribute("name")));
        browser().switchTo().activeElement().sendKeys(NAME);
        browser().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        waitFor().until(d -> "password".equals(d.switchTo().activeElement().getAttribute("name")));
        browser().switchTo().activeElement().sendKeys(PASSWORD, org.openqa.selenium.Keys.ENTER);
        waitFor().until(d -> !d.getCurrentUrl().contains("/login"));
        choose(visible(By.name("villageCode")), VILLAGE);
        WebElement village = browser().findElement(By.name("villageCode"));
        script("arguments[0].focus();", village);
        browser().switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser().switchTo().activeElement().getAttribute("name")).as("Tab leaves the village for the field")
                                                                            .isEqualTo("field");
    }
}
