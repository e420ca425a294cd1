package io.healguard.api.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh profile and nothing
 * reaching out to the network. Skips the test, saying why, when either program is missing (CI
 * installs both). Waits poll the real browser with a deadline: it is a separate process.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HEALGUARD_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("HEALGUARD_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String AXE = "META-INF/resources/webjars/axe-core/" + System.getProperty("axe.version", "4.6.3") + "/axe.min.js";

  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  static Browser open(Path profile) {
    assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium; CI installs it)");
    assumeTrue(Files.isExecutable(CHROMEDRIVER),
        "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver; CI installs it)");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1300", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    return new Browser(new ChromeDriver(svc, o));
  }

  void go(String url) {
    driver.get(url);
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  String text(String id) {
    return byId(id).getText();
  }

  /** The page's text under {@code css} once {@code done} holds, or what it was at the deadline. */
  String waitText(String css, java.util.function.Predicate<String> done) throws InterruptedException {
    // read in one script: a live update may replace the elements between two WebDriver calls
    return until(() -> (String) ((JavascriptExecutor) driver).executeScript(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText).join('\\n');", css), done);
  }

  <T> T until(Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    T last = probe.get();
    while (!done.test(last) && System.nanoTime() - end < 0) {
      Thread.sleep(50); // the browser is another process: polled, bounded by the deadline
      last = probe.get();
    }
    return last;
  }

  /** Sends keys to whatever has the focus, as a person at the keyboard would. */
  void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  void tab() {
    keys(Keys.TAB);
  }

  /** Shift held down for the Tab: a chord sent as keys presses Shift and lets it go first. */
  void shiftTab() {
    new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
  }

  /** The focused element's id, or {@code <tag>:<text>} when it has none. */
  String focused() {
    return (String) ((JavascriptExecutor) driver).executeScript(
        "const e = document.activeElement; return e.id ? e.id : e.tagName.toLowerCase() + ':' + e.textContent;");
  }

  void signIn(String url, String token) throws InterruptedException {
    go(url);
    until(() -> byId("token").isDisplayed(), d -> d);
    byId("token").sendKeys(token, Keys.ENTER);
    until(() -> text("who"), w -> w.startsWith("Signed in"));
  }

  /** axe-core's violations on the page as it is now; axe is injected here, never served by the console. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> axeViolations() {
    ((JavascriptExecutor) driver).executeScript(resource(AXE));
    Object r = ((JavascriptExecutor) driver).executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
            + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            + " nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))"
            + ".catch(e => done([{id: 'axe-error', help: String(e)}]));");
    return (List<Map<String, Object>>) r;
  }

  void screenshot(Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
  }

  private static String resource(String path) {
    try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalStateException("no " + path + " on the test classpath (the axe-core webjar)");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
