package cn.mediation.app.web;

import cn.mediation.app.support.AppTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Drives Debian's Chromium (headless, through chromedriver) against the running application. One browser per test
 * class; each test starts logged out. Screenshots go to {@code target/screenshots} for a person to look at.
 * The browser and its driver are installed by {@code .ci/run} ({@code apt-get install chromium chromium-driver}).
 */
public abstract class BrowserTestBase extends AppTestBase {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    private static ChromeDriver browser;

    protected WebDriver browser() {
        if (browser == null) {
            if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
                throw new IllegalStateException("The browser tests need Chromium and its driver: "
                        + "apt-get install chromium chromium-driver (.ci/run does this)");
            }
            try {
                Files.createDirectories(DOWNLOADS);
                Files.createDirectories(SCREENSHOTS);
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM);
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                     "--no-first-run", "--disable-background-networking",
                                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                                     "--lang=zh-CN",
                                     "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
                options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                                                              "download.prompt_for_download", false));
                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
                browser = new ChromeDriver(service, options);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return browser;
    }

    @BeforeEach
    void desktopAndLoggedOut() {
        WebDriver driver = browser();
        driver.manage().window().setSize(new Dimension(1280, 1000));
        driver.get(url("/login"));
        driver.manage().deleteAllCookies();
    }

    @AfterEach
    void clearSession() {
        // each test is a fresh phone: no service worker or kept copies left by the one before
        ((JavascriptExecutor) browser()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const workers = navigator.serviceWorker ? navigator.serviceWorker.getRegistrations()"
                        + ".then(rs => Promise.all(rs.map(r => r.unregister()))) : Promise.resolve();"
                        + "const kept = window.caches ? caches.keys().then(ks => Promise.all(ks.map(k => caches.delete(k))))"
                        + " : Promise.resolve();"
                        + "Promise.all([workers, kept]).then(() => done(true), () => done(false));");
        browser().manage().deleteAllCookies();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected void login(String username, String password) {
        WebDriver driver = browser();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor().withMessage(() -> "still on " + driver.getCurrentUrl() + " after logging in as " + username + ": "
                                    + driver.findElement(By.tagName("body")).getText())
                 .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * Waits for a condition, polling again when a page re-renders the element being read between finding it and
     * reading it (a stale element is a page mid-update, not an answer).
     */
    protected WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(browser(), Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    protected WebElement visible(By by) {
        return waitFor().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected void choose(WebElement select, String value) {
        waitFor().until(d -> select.findElements(By.cssSelector("option[value='" + value + "']")).size() == 1);
        new Select(select).selectByValue(value);
    }

    /** Opens a step's form on the workbench (folded in its details until its summary is clicked), fills it, sends it. */
    protected void step(String step, Runnable fill) {
        WebElement form = waitFor().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("form.step[data-step='" + step + "']")));
        form.findElement(By.xpath("./ancestor::details")).findElement(By.tagName("summary")).click();
        fill.run();
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Waits until the open case shows a status (in Chinese). */
    protected void waitForStatus(String chinese) {
        waitFor().until(d -> d.findElement(By.id("case-view")).getText().contains(chinese));
    }

    /** How many of a village's cases (its first 200) carry this summary: a double submission shows as two. */
    protected int countWithSummary(String village, String summary) {
        int count = 0;
        for (com.fasterxml.jackson.databind.JsonNode item
                : get("/api/disputes?region=" + village + "&size=200").body().get("items")) {
            if (summary.equals(item.get("summary").asText())) {
                count++;
            }
        }
        return count;
    }

    protected Object script(String source, Object... args) {
        return ((JavascriptExecutor) browser()).executeScript(source, args);
    }

    protected void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) browser()).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inputs, selects and text areas that no label names (none may exist). */
    @SuppressWarnings("unchecked")
    protected List<String> unlabelledInputs() {
        return (List<String>) script("return [...document.querySelectorAll('input,select,textarea')]"
                + ".filter(i => i.type !== 'hidden' && i.offsetParent !== null && i.labels.length === 0"
                + " && !i.closest('label')).map(i => i.name || i.id || i.outerHTML.slice(0, 60));");
    }

    /** Bytes the page and everything it loaded took over the wire (HTML, scripts, styles, API answers). */
    protected long transferredBytes() {
        return ((Number) script("const n = performance.getEntriesByType('navigation')[0];"
                + "return (n ? n.transferSize : 0) + performance.getEntriesByType('resource')"
                + ".reduce((sum, r) => sum + (r.transferSize || r.encodedBodySize || 0), 0);")).longValue();
    }

    /** True when nothing sticks out sideways at the current window width. */
    protected boolean fitsTheWidth() {
        return (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth;");
    }
}
