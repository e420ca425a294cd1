package io.healguard.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium against a real service on the demo configuration:
 * signing in, a crash loop opening a circuit live, a hold placed through its preview and its block
 * on the timeline, a viewer's page without actions, the policy page's tables and an admin's
 * rollback, keyboard-only use and axe-core's check. The
 * service's clock is moved through cooldowns by the test; only the browser is waited for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  // the committed screenshots are regenerated on request (-Dconsole.screenshots=docs), so a
  // plain test run leaves the work tree clean
  private static final Path DOCS = "docs".equals(System.getProperty("console.screenshots"))
      ? Fixtures.repoRoot().resolve("docs") : Fixtures.repoRoot().resolve("api/target/console-screenshots");

  @TempDir static Path dir;
  private Vertx vertx;
  private DemoServer server;
  private Http http;
  private Browser browser;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = DemoServer.start(vertx, dir.resolve("service"));
    http = new Http(vertx, server.port);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) browser.close();
    browser = null;
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private Browser browser(String name) {
    browser = Browser.open(dir.resolve("profile-" + name));
    return browser;
  }

  @Test
  void shouldShowACrashLoopOpeningTheCircuitLiveOnTheFleetView() throws Exception {
    Browser b = browser("crash");
    b.signIn(server.url("/"), TestServer.OPERATOR);
    String before = b.waitText("#units tr[data-unit='api.service']", t -> t.contains("CLOSED"));

    crashLoopUntilOpen("api.service");

    String after = b.waitText("#units tr[data-unit='api.service']", t -> t.contains("OPEN"));
    assertThat(before).contains("CLOSED");
    assertThat(after).contains("OPEN").contains("cool-off");
    assertThat(b.waitText("#alerts", t -> t.contains("api.service"))).contains("api.service").contains("runbook");
    b.screenshot(DOCS.resolve("console-fleet.png"));

    b.byId("units").findElement(By.linkText("api.service")).click();
    String timeline = b.waitText("#timeline tbody", t -> t.contains("escalation"));
    assertThat(timeline).contains("restart").contains("escalation").contains("CHURN_LIMIT_REACHED");
    assertThat(b.all("#chart svg circle.restart")).isNotEmpty();
    b.byId("a-reason").sendKeys("reading the journal first");
    b.waitText("#preview", t -> t.startsWith("Blocks every policy restart of api.service"));
    b.screenshot(DOCS.resolve("console-unit.png"));
  }

  @Test
  void shouldShowTheFailureCauseClassOfALastReportThatCarriedOne() throws Exception {
    // exit status 203: systemd could not exec the interpreter, which the causes table calls RUNTIME_BROKEN
    http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"batch.service\",\"status\":\"DOWN\","
        + "\"cause\":{\"result\":\"exit-code\",\"exitCode\":\"exited\",\"exitStatus\":\"203\"}}");
    Browser b = browser("cause");
    b.signIn(server.url("/"), TestServer.VIEWER);

    String row = b.waitText("#units tr[data-unit='batch.service']", t -> t.contains("RUNTIME_BROKEN"));
    b.byId("units").findElement(By.linkText("batch.service")).click();
    String facts = b.waitText("#unit-facts", t -> t.contains("Failure cause"));

    assertThat(row).contains("DOWN · RUNTIME_BROKEN");
    assertThat(facts).contains("Failure cause\nRUNTIME_BROKEN").contains("DT-CAUSES-");
    assertThat(b.waitText("#units tr[data-unit='api.service']", t -> !t.isEmpty())).doesNotContain("RUNTIME_BROKEN");
  }

  @Test
  void shouldPlaceAHoldThroughItsPreviewSeeTheBlockOnTheTimelineAndReleaseIt() throws Exception {
    Browser b = browser("hold");
    // one DOWN of the two in a row the critical tier restarts after
    assertThat(http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"postgresql.service\",\"status\":\"DOWN\"}")
        .json().getString("action")).isNotEqualTo("RESTART");
    b.signIn(server.url("/#/unit/postgresql.service"), TestServer.OPERATOR);
    b.byId("a-reason").sendKeys("disk replacement");
    b.byId("a-ttl").clear();
    b.byId("a-ttl").sendKeys("30m");

    String preview = b.waitText("#preview", t -> t.contains("30m from now"));
    b.byId("a-submit").click();

    String result = b.waitText("#result", t -> t.startsWith("Decided"));
    assertThat(preview).startsWith("Blocks every policy restart of postgresql.service until ")
        .contains("1 DOWN report is pending (2 in a row ask for a restart, row DT-THRESHOLDS-001)");
    assertThat(result).contains("row DT-");
    assertThat(b.waitText("#unit-facts", t -> t.contains("disk replacement"))).contains("alice: disk replacement until");

    JsonObject blocked = downUntil("postgresql.service", d -> "BLOCK".equals(d.getString("action")));
    assertThat(blocked.getString("reason")).isEqualTo("MANUAL_HOLD");
    assertThat(b.waitText("#timeline tbody", t -> t.contains("MANUAL_HOLD")))
        .contains("block\tDOWN\tBLOCK\tMANUAL_HOLD\t" + blocked.getString("rule"));

    b.byId("a-mode").findElement(By.cssSelector("option[value='RELEASE']")).click();
    String releasePreview = b.waitText("#preview", t -> t.startsWith("Lifts"));
    b.byId("a-submit").click();

    assertThat(releasePreview).startsWith("Lifts the hold by alice (\"disk replacement\")");
    assertThat(b.waitText("#unit-facts", t -> t.contains("Hold\nnone"))).contains("Hold\nnone");
    assertThat(http.get("/api/v1/overrides", TestServer.VIEWER).json().getJsonArray("overrides")).isEmpty();
  }

  @Test
  void shouldShowAViewerNoActionAndTheApiShouldRefuseItsOverride() throws Exception {
    Browser b = browser("viewer");
    b.signIn(server.url("/#/unit/api.service"), TestServer.VIEWER);
    b.waitText("#unit-facts", t -> t.contains("Circuit"));

    Http.Reply refused = http.post("/api/v1/units/api.service/overrides", TestServer.VIEWER,
        "{\"mode\":\"HOLD\",\"reason\":\"viewer tries\"}");

    assertThat(b.text("who")).isEqualTo("Signed in as dashboard (viewer)");
    assertThat(b.byId("actions").isDisplayed()).isFalse();
    assertThat(b.all("button").stream().filter(WebElement::isDisplayed).map(WebElement::getText)).containsExactly("Sign out");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().getString("detail")).contains("has role viewer").contains("needs operator");
  }

  @Test
  void shouldWorkWithTheKeyboardAlone() throws Exception {
    Browser b = browser("keys");
    b.go(server.url("/"));
    b.until(b::focused, "token"::equals);
    b.keys(TestServer.OPERATOR, Keys.ENTER);
    b.until(b::focused, "fleet-h"::equals);

    tabTo(b, "a:postgresql.service");
    b.keys(Keys.ENTER);
    b.until(b::focused, "unit-h"::equals);
    tabTo(b, "a-mode");
    b.keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    tabTo(b, "a-reason");
    b.keys("checked by keyboard");
    String preview = b.waitText("#preview", t -> t.startsWith("Clears"));
    tabTo(b, "a-submit");
    b.keys(Keys.ENTER);

    assertThat(preview).contains("restart").contains("postgresql.service");
    assertThat(b.waitText("#result", t -> t.startsWith("Decided"))).contains("row");
  }

  @Test
  void shouldShowTheGatesTableRowForRowAsTheRunbookDoes() throws Exception {
    // the demo's gates.xlsx is the bundled one, whose rows runbook/README.md shows
    List<String> runbook = runbookRows("Gates");
    Browser b = browser("tables");
    b.signIn(server.url("/#/policy"), TestServer.VIEWER);

    String gates = b.waitText("table.rules[data-title^='Gates '] tbody", t -> t.contains("DT-GATES-026"));

    assertThat(runbook).hasSizeGreaterThan(20);
    assertThat(Arrays.asList(gates.split("\n"))).containsExactlyElementsOf(runbook);
    assertThat(b.waitText("#tables h3", t -> t.contains("Causes"))).contains("Causes (causes.xlsx, sheet Causes)")
        .contains("Thresholds (thresholds.xlsx, sheet Thresholds)");
    assertThat(b.all("#versions button.rollback")).as("a viewer gets no rollback button").isEmpty();
  }

  @Test
  void shouldRollBackToAnArchivedVersionWhenAnAdminClicksItsButton() throws Exception {
    String original = http.get("/api/v1/policy", TestServer.VIEWER).json().getString("version");
    // a second version: the batch tier allows 4 restarts in its window instead of 2
    PolicyTables.setCell(server.tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-003", "maxRestarts", "4");
    Http.Reply reload = http.post("/api/v1/policy/reload", TestServer.ADMIN, "");
    assertThat(reload.status()).as(reload.body()).isEqualTo(200);
    String edited = reload.json().getString("version");
    Browser b = browser("rollback");
    b.signIn(server.url("/#/policy"), TestServer.ADMIN);
    String inForceBefore = b.waitText("#versions tr.in-force", t -> t.contains(edited.substring(0, 12)));
    String batchBefore = b.waitText("table.rules[data-title^='Thresholds '] tbody tr", t -> t.contains("DT-THRESHOLDS-003"));
    WebElement button = b.byId("versions").findElement(By.cssSelector("tr[data-version='" + original + "'] button.rollback"));

    button.click();

    String result = b.waitText("#rollback-result", t -> t.startsWith("Rolled back"));
    String inForceAfter = b.waitText("#versions tr.in-force", t -> t.contains(original.substring(0, 12)));
    assertThat(inForceBefore).contains(edited.substring(0, 12));
    assertThat(result).isEqualTo("Rolled back: " + original.substring(0, 12) + " is in force (was " + edited.substring(0, 12) + ")");
    assertThat(inForceAfter).contains(original.substring(0, 12)).contains("rollback by root").contains("in force");
    assertThat(http.get("/api/v1/policy", TestServer.VIEWER).json().getString("version")).isEqualTo(original);
    assertThat(b.waitText("#policy-history tbody tr", t -> t.contains("rolled back")).split("\n")[0])
        .startsWith(b.waitText("#policy-history tbody tr", t -> true).split("\n")[0])
        .contains("rolled back\troot\t" + original.substring(0, 12) + "\twas " + edited.substring(0, 12));
    assertThat(b.waitText("#policy-meta", t -> t.contains("pinned"))).contains("pinned by root's rollback to " + original.substring(0, 12));
    // the tables shown are the version in force (its archived copy), not the edited file on disk
    assertThat(batchRow(batchBefore)).contains("\tbatch\t3\t5m\t30m\t4\t");
    assertThat(batchRow(b.waitText("table.rules[data-title^='Thresholds '] tbody tr", t -> batchRow(t).contains("\t2\t"))))
        .contains("\tbatch\t3\t5m\t30m\t2\t");
    b.screenshot(DOCS.resolve("console-policy.png"));
  }

  @Test
  void shouldPlaceAndReleaseAHoldWithTheKeyboardAlone() throws Exception {
    Browser b = browser("keys-hold");
    b.go(server.url("/"));
    b.until(b::focused, "token"::equals);
    b.keys(TestServer.OPERATOR, Keys.ENTER);
    b.until(b::focused, "fleet-h"::equals);
    tabTo(b, "a:postgresql.service");
    b.keys(Keys.ENTER);
    b.until(b::focused, "unit-h"::equals);
    // the form opens on Hold: a reason and a TTL typed in, the preview read, Enter on Submit
    tabTo(b, "a-reason");
    b.keys("hold by keyboard");
    tabTo(b, "a-ttl");
    // to the end of the field (Chrome selects a field's text when it is tabbed into), "30m" erased
    b.keys(Keys.END, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, "20m");
    String holdPreview = b.waitText("#preview", t -> t.contains("20m from now"));
    tabTo(b, "a-submit");
    b.keys(Keys.ENTER);
    String held = b.waitText("#unit-facts", t -> t.contains("hold by keyboard"));
    String holdResult = b.waitText("#result", t -> t.startsWith("Decided"));
    // back to the action's select without the mouse, one step down to Release
    shiftTabTo(b, "a-mode");
    b.keys(Keys.ARROW_DOWN);
    String releasePreview = b.waitText("#preview", t -> t.startsWith("Lifts"));
    tabTo(b, "a-submit");

    b.keys(Keys.ENTER);

    assertThat(holdPreview).startsWith("Blocks every policy restart of postgresql.service until ");
    assertThat(holdResult).contains("HOLD_SET");
    assertThat(held).contains("Hold\nalice: hold by keyboard until");
    assertThat(releasePreview).startsWith("Lifts the hold by alice (\"hold by keyboard\")");
    assertThat(b.waitText("#unit-facts", t -> t.contains("Hold\nnone"))).contains("Hold\nnone");
    assertThat(b.waitText("#result", t -> t.contains("HOLD_RELEASED"))).startsWith("Decided").contains("HOLD_RELEASED");
  }

  @Test
  void shouldPassAxeOnEveryPage() throws Exception {
    Browser b = browser("axe");
    b.go(server.url("/"));
    b.until(() -> b.byId("token").isDisplayed(), d -> d);
    var signIn = b.axeViolations();
    b.signIn(server.url("/"), TestServer.ADMIN);
    b.waitText("#units tbody", t -> t.contains("api.service"));
    var fleet = b.axeViolations();
    b.go(server.url("/#/unit/api.service"));
    b.waitText("#preview", t -> !t.isBlank());
    var unit = b.axeViolations();
    b.go(server.url("/#/policy"));
    b.waitText("#versions tbody", t -> !t.isBlank());
    b.waitText("#tables", t -> t.contains("DT-GATES-001"));
    var policy = b.axeViolations();

    assertThat(signIn).as("sign-in page").isEmpty();
    assertThat(fleet).as("fleet view").isEmpty();
    assertThat(unit).as("unit page").isEmpty();
    assertThat(policy).as("policy page").isEmpty();
  }

  /** Tabs forward until the element named (an id, or {@code a:<link text>}) has the focus. */
  private static void tabTo(Browser b, String target) {
    for (int i = 0; i < 60 && !b.focused().equals(target); i++) {
      b.tab();
    }
    assertThat(b.focused()).as("focus after tabbing towards " + target).isEqualTo(target);
  }

  /** Shift-tabs backwards until the element named (as in {@link #tabTo}) has the focus. */
  private static void shiftTabTo(Browser b, String target) {
    for (int i = 0; i < 60 && !b.focused().equals(target); i++) {
      b.shiftTab();
    }
    assertThat(b.focused()).as("focus after shift-tabbing towards " + target).isEqualTo(target);
  }

  /** The rows of a table in runbook/README.md's generated section, as a browser reads a table row: cells by tabs, links as their text. */
  private static List<String> runbookRows(String table) throws java.io.IOException {
    List<String> lines = Files.readAllLines(Fixtures.repoRoot().resolve("runbook/README.md"));
    int from = lines.indexOf(lines.stream().filter(l -> l.startsWith("### " + table + " (")).findFirst().orElseThrow());
    return lines.subList(from + 1, lines.size()).stream()
        .takeWhile(l -> !l.startsWith("### ") && !l.startsWith("<!-- END"))
        .filter(l -> l.startsWith("| DT-"))
        .map(l -> Arrays.stream(l.substring(2, l.length() - 2).split(" \\| "))
            .map(c -> c.replace("\\|", "|").replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").strip())
            .reduce((x, y) -> x + "\t" + y).orElse(""))
        .toList();
  }

  private static String batchRow(String rows) {
    return Arrays.stream(rows.split("\n")).filter(r -> r.startsWith("DT-THRESHOLDS-003")).findFirst().orElse("");
  }

  /** DOWN reports, each after the cooldown has passed on the service's clock, until the circuit opens. */
  private void crashLoopUntilOpen(String unit) {
    downUntil(unit, d -> "OPEN".equals(d.getString("circuit")));
  }

  private JsonObject downUntil(String unit, java.util.function.Predicate<JsonObject> done) {
    JsonObject last = null;
    for (int i = 0; i < 60; i++) {
      Http.Reply r = http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"" + unit + "\",\"status\":\"DOWN\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      last = r.json();
      if (done.test(last)) return last;
      // past the demo's standard cooldown (5s), so the next DOWN is judged on the count alone
      server.clock.advance(Duration.ofSeconds(6));
    }
    throw new AssertionError("no matching decision for " + unit + " after 60 DOWN reports; last: " + last);
  }
}
