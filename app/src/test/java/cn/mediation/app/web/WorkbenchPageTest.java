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

    @Test
    void aMediatorRegistersScreensMediatesAndResolvesThroughTheForms() {
        openWorkbench();
        String summary = "网页登记 " + newId();
        fillRegistration(summary, "110105194912310021");
        browser().findElement(By.id("register-submit")).click();
        WebElement error = visible(By.cssSelector("[data-field='parties[0].idNumber'] + .field-error"));
        assertThat(error.getText()).contains("校验位");
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
        await().atMost(Duration.ofSeconds(20)).until(() -> countWithSummary(VILLAGE, summary) >= 1);
        browser().navigate().refresh();
        choose(visible(By.name("villageCode")), VILLAGE);
        assertThat(countWithSummary(VILLAGE, summary)).as("one case for " + caseNumber).isEqualTo(1);
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

    // ------------------------------------------------------------------ issue 18: a workbench a village can live in

    private void phone() {
        browser().manage().window().setSize(new Dimension(390, 844));
    }

    private void reloadAndWaitForCase(String chineseStatus) {
        browser().navigate().refresh();
        waitForStatus(chineseStatus);
    }

    private void waitForVersion(long version) {
        waitFor().until(d -> String.valueOf(version).equals(script(
                "const dt = [...document.querySelectorAll('#case-view dt')].find(n => n.textContent === '版本');"
                        + "return dt ? dt.nextElementSibling.textContent : null;")));
    }

    private java.util.List<String> offeredSteps() {
        java.util.List<String> steps = new ArrayList<>();
        browser().findElements(By.cssSelector("#case-actions form.step")).forEach(f -> steps.add(f.getAttribute("data-step")));
        return steps;
    }

    private String caseIn(String stage, String words) {
        visible(By.cssSelector("#case-tabs [data-stage='" + stage + "']")).click();
        WebElement search = browser().findElement(By.id("case-query"));
        search.clear();
        search.sendKeys(words);
        browser().findElement(By.cssSelector("#case-search button[type=submit]")).click();
        return waitFor().until(d -> {
            java.util.List<WebElement> items = d.findElements(By.cssSelector("#case-list button.case"));
            return items.size() == 1 ? items.get(0).getAttribute("data-id") : null;
        });
    }

    @Test
    void everyCaseOfTheAreaIsOneTapAwayInItsTabAndStaysThereAfterAReload() {
        String word = "回访" + newId().substring(0, 6);
        java.util.Map<String, Object> body = sampleRegistration(null);
        body.put("summary", "灌溉用水 " + word);
        String resolved = post("/api/disputes", body).body().get("id").asText();
        step(resolved, "screening", java.util.Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
        mediate(resolved, VILLAGE, "2026-03-04");
        step(resolved, "resolution", java.util.Map.of("form", "ORAL", "terms", "轮流用水", "date", "2026-03-05"));
        body.put("summary", "林地边界 " + word);
        String failed = post("/api/disputes", body).body().get("id").asText();
        step(failed, "screening", java.util.Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
        mediate(failed, VILLAGE, "2026-03-04");
        step(failed, "failure", java.util.Map.of("reason", "双方分歧大", "date", "2026-03-05"));
        body.put("summary", "已撤回的 " + word);
        String withdrawn = post("/api/disputes", body).body().get("id").asText();
        step(withdrawn, "withdrawal", java.util.Map.of("date", "2026-03-03"));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/disputes/" + withdrawn).status() == 200
                && "WITHDRAWN".equals(get("/api/disputes/" + withdrawn).body().get("status").asText())
                && "FAILED".equals(get("/api/disputes/" + failed).body().get("status").asText())
                && "RESOLVED".equals(get("/api/disputes/" + resolved).body().get("status").asText()));

        user(NAME, "MEDIATOR", TOWN);
        login(NAME, PASSWORD);
        phone();
        browser().get(url("/"));
        assertThat(caseIn("RESOLVED", word)).isEqualTo(resolved);
        assertThat(caseIn("FAILED", word)).isEqualTo(failed);
        assertThat(caseIn("FINISHED", word)).isEqualTo(withdrawn);
        caseIn("RESOLVED", word);
        screenshot("workbench-tab-resolved-phone");
        // a case without an overdue dot lines up as the others: number, summary and place in one column
        WebElement item = browser().findElement(By.cssSelector("#case-list button.case[data-id='" + resolved + "']"));
        int left = item.findElement(By.className("case-number")).getRect().getX();
        assertThat(item.findElement(By.className("summary")).getRect().getX()).isEqualTo(left);
        assertThat(item.findElement(By.className("case-meta")).getRect().getX()).isEqualTo(left);
        assertThat(item.findElement(By.className("status")).getRect().getY())
                .isEqualTo(item.findElement(By.className("case-number")).getRect().getY());
        item.click();
        waitForStatus("调解成功");
        assertThat(offeredSteps()).contains("fulfilment", "follow-up", "closure").doesNotContain("reopening");

        // a reload keeps the tab, the search and the case
        reloadAndWaitForCase("调解成功");
        assertThat(browser().findElement(By.cssSelector("#case-tabs [data-stage='RESOLVED']")).getAttribute("aria-selected"))
                .isEqualTo("true");
        waitFor().until(d -> d.findElements(By.cssSelector("#case-list button.case[data-id='" + resolved + "']")).size() == 1);
        assertThat(fitsTheWidth()).as("no sideways scrolling at 390 px").isTrue();
    }

    @Test
    void onlyTheStepsTheCallerMayTakeAreOfferedEachWithItsOwnDate() {
        String villageMediator = "web-village-mediator";
        user(villageMediator, "MEDIATOR", VILLAGE);
        String id = register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
        step(id, "screening", java.util.Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"));
        step(id, "escalation", java.util.Map.of("to", "TOWN", "reason", "涉及多村", "date", "2026-03-04"));
        await().atMost(Duration.ofSeconds(20))
               .until(() -> "ESCALATED".equals(get("/api/disputes/" + id).body().get("status").asText()));

        login(villageMediator, PASSWORD);
        phone();
        browser().get(url("/?case=" + id));
        waitForStatus("已上交");
        waitFor().until(d -> !offeredSteps().isEmpty());
        assertThat(offeredSteps()).containsExactly("withdrawal", "incidents");
        assertThat(browser().findElement(By.id("case-view")).getText()).contains("样例");
        screenshot("workbench-escalated-village-phone");
        browser().manage().deleteAllCookies();

        login(NAME, PASSWORD);
        browser().get(url("/?case=" + id));
        waitForStatus("已上交");
        waitFor().until(d -> offeredSteps().contains("escalation/acceptance"));
        WebElement acceptance = browser().findElement(By.cssSelector("form.step[data-step='escalation/acceptance']"));
        assertThat(acceptance.findElement(By.xpath("./ancestor::details")).getText()).contains("接收上交");
        step("escalation/acceptance", () -> { });
        waitForStatus("已受理");
        waitFor().until(d -> offeredSteps().contains("mediation"));
        WebElement screening = browser().findElement(By.cssSelector("form.step[data-step='screening']"));
        screening.findElement(By.xpath("./ancestor::details")).findElement(By.tagName("summary")).click();
        assertThat(screening.findElement(By.cssSelector("[data-field=date]")).findElement(By.xpath("./preceding-sibling::label")).getText())
                .isEqualTo("研判日期");
    }

    @Test
    void aMediatorsDayTheWholeLifeOfACaseWithAReloadAfterEveryStep() {
        user(NAME, "MEDIATOR", TOWN);
        login(NAME, PASSWORD);
        phone();
        browser().get(url("/"));
        choose(visible(By.name("villageCode")), VILLAGE);
        String summary = "一天的工作 " + newId().substring(0, 8);
        fillRegistration(summary, ID_NUMBER);
        browser().findElement(By.id("register-submit")).click();
        String caseNumber = registered();
        waitForStatus("已登记");
        // read your own write: the new case is in the list as soon as the answer is shown
        waitFor().until(d -> d.findElement(By.id("case-list")).getText().contains(caseNumber));
        reloadAndWaitForCase("已登记");
        screenshot("day-1-registered");

        step("screening", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=grade]")), "ORDINARY");
            choose(browser().findElement(By.cssSelector("form[data-step='screening'] [name=decision]")), "ACCEPT");
        });
        waitForStatus("已受理");
        reloadAndWaitForCase("已受理");
        step("mediation", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='mediation'] [name=committeeId]")),
                   "C" + VILLAGE);
            visible(By.cssSelector("form[data-step='mediation'] [name=mediatorIds][value='C" + VILLAGE + "-M1']"))
                    .click();
        });
        waitForStatus("调解中");
        reloadAndWaitForCase("调解中");
        assertThat(browser().findElement(By.id("case-view")).getText()).as("committee and mediators by name")
                                                                       .doesNotContain("C" + VILLAGE + "-M1");
        step("sessions", () -> browser().findElement(By.cssSelector("form[data-step='sessions'] [name=attendees]"))
                                        .sendKeys("王小明、李大山"));
        waitForVersion(3);
        reloadAndWaitForCase("调解中");
        step("resolution", () -> {
            choose(browser().findElement(By.cssSelector("form[data-step='resolution'] [name=form]")), "WRITTEN");
            browser().findElement(By.cssSelector("form[data-step='resolution'] [name=terms]")).sendKeys("赔偿并致歉");
        });
        waitForStatus("调解成功");
        reloadAndWaitForCase("调解成功");
        screenshot("day-2-resolved");
        step("fulfilment", () -> { });
        waitForVersion(5);
        reloadAndWaitForCase("调解成功");
        step("follow-up", () -> browser().findElement(By.cssSelector("form[data-step='follow-up'] [name=satisfaction]"))
                                         .sendKeys("5"));
        waitForVersion(6);
        reloadAndWaitForCase("调解成功");
        step("closure", () -> { });
        waitForStatus("已结案");
        reloadAndWaitForCase("已结案");
        screenshot("day-3-closed");

        // the finished case is one tap away in its tab
        assertThat(caseIn("FINISHED", summary.substring(summary.indexOf(' ') + 1))).isNotNull();
        JsonNode found = get("/api/disputes?caseNumber=" + caseNumber).body().get("items");
        List<String> types = new ArrayList<>();
        get("/api/disputes/" + found.get(0).get("id").asText() + "/history").body().get("events")
                .forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("DisputeRegistered", "DisputeScreened", "MediationStarted",
                                          "MediationSessionRecorded", "DisputeResolved", "FulfilmentRecorded",
                                          "FollowUpRecorded", "DisputeClosed");
    }

    @Test
    void everyRoleLandsWhereItWorks() {
        login(ANALYST, PASSWORD);
        waitFor().until(d -> d.getCurrentUrl().contains("/dashboard"));
        browser().manage().deleteAllCookies();
        login(AUDITOR, PASSWORD);
        waitFor().until(d -> d.getCurrentUrl().contains("/audit"));
        browser().manage().deleteAllCookies();
        login(ADMIN, ADMIN_PASSWORD);
        waitFor().until(d -> d.getCurrentUrl().contains("/admin"));
        visible(By.cssSelector("#users tr[data-user='admin']"));
        visible(By.cssSelector("#projections tr[data-projection='dispute-views']"));
        screenshot("admin-landing");
        browser().manage().deleteAllCookies();
        user(NAME, "MEDIATOR", TOWN);
        login(NAME, PASSWORD);
        visible(By.id("register-form"));
        assertThat(browser().getCurrentUrl()).doesNotContain("/dashboard").doesNotContain("/audit");
    }

    @Test
    void aSweepIsRecordedOnceFromItsFormAndListedWithTheVillagesSweepsOfTheMonth() {
        user(NAME, "MEDIATOR", TOWN);
        login(NAME, PASSWORD);
        phone();
        browser().get(url("/"));
        WebElement form = visible(By.id("sweep-form"));
        choose(form.findElement(By.name("villageCode")), VILLAGE);
        String note = "夜间排查 " + newId().substring(0, 6);
        form.findElement(By.name("found")).clear();
        form.findElement(By.name("found")).sendKeys("2");
        form.findElement(By.name("notes")).sendKeys(note);
        assertThat(form.findElement(By.cssSelector("[data-field=date]")).findElement(By.xpath("./preceding-sibling::label"))
                       .getText()).isEqualTo("排查日期");
        // a double tap sends one sweep
        script("const b = document.getElementById('sweep-submit'); b.click(); b.click();");
        waitFor().until(d -> d.findElement(By.id("sweeps-of-month")).getText().contains(note));
        script("document.getElementById('sweep-panel').scrollIntoView();");
        screenshot("workbench-sweep-phone");
        assertThat(browser().findElement(By.id("sweep-submit")).isEnabled()).as("off until the form changes").isFalse();

        String month = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString().substring(0, 7);
        JsonNode sweeps = getAs(MEDIATOR, "/api/sweeps?village=" + VILLAGE + "&month=" + month).body().get("sweeps");
        int mine = 0;
        for (JsonNode sweep : sweeps) {
            if (note.equals(sweep.get("notes").asText())) {
                mine++;
                assertThat(sweep.get("found").asInt()).isEqualTo(2);
            }
        }
        assertThat(mine).isEqualTo(1);
    }
}
