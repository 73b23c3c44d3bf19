package com.bindflow.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.assertj.core.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the tests: Debian's {@code chromium} driven by its {@code chromium-driver} through Selenium,
 * headless, with a fresh profile; one per JVM (started by the first test that asks, quit when the JVM ends), each test
 * starting with its cookies cleared. Screenshots go to {@code target/screenshots/}. Without Chromium (a developer's
 * machine that lacks it) the browser tests are skipped, except on CI ({@code CI=true}), whose {@code .ci/run} installs
 * it: there a missing browser fails them.
 */
public final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    /** Generous: the webapps load 4 MB of JavaScript, and the test machine has 2 cores shared with the build. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private static WebDriver driver;

    private final String baseUrl;

    private Browser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The browser, at the application on {@code port}; its cookies cleared. */
    public static Browser at(int port) {
        WebDriver d = startedDriver();
        d.manage().deleteAllCookies();
        return new Browser("http://localhost:" + port);
    }

    private static synchronized WebDriver startedDriver() {
        if (driver == null) {
            boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
            if (!installed && !"true".equals(System.getenv("CI"))) {
                Assumptions.assumeThat(installed).as("Chromium and its driver (apt-get install chromium chromium-driver)")
                        .isTrue();
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            try {
                options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1400,1000", "--lang=en-US",
                        "--user-data-dir=" + Files.createTempDirectory("bindflow-chromium"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            WebDriver started = driver;
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit, "quit-chromium"));
        }
        return driver;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits (up to a minute) until {@code condition} is true or non-null; its value. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for an element that is displayed. */
    public WebElement visible(By by) {
        return await(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Scrolls the element to the middle of the window and clicks it as the page's script would. */
    public void click(By by) {
        WebElement element = visible(by);
        js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code action} (a screenshot) with the window tall enough for the whole page, then restores the window. */
    public void wholePage(Runnable action) {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        Number height = (Number) js("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(),
                Math.min(4000, Math.max(before.getHeight(), height.intValue() + 120))));
        try {
            action.run();
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png}; its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
