package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "healguard restarts" mode end to end: {@code serve} as a real child process in
 * {@code executor.mode: systemctl} with a stand-in {@code systemctl} first on its PATH (a real
 * script), a crash reported once by {@code healguard report --from-systemd} as the
 * {@code OnFailure=} hook would, and nothing else reporting. The child's clock is moved by the test;
 * each step is one {@code executor.recheck-interval} (10s), and the test waits (bounded) for the
 * child's recheck sweep, a real-time timer every 100 ms, to act on it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecheckFromSystemdTest {
  private static final String ADMIN = "recheck-admin";
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  Path systemd;
  Path tokenFile;
  ServeProcess serve;
  Vertx vertx;
  Http http;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path tables = TestServer.fastTables(dir.resolve("tables"));
    systemd = dir.resolve("systemd");
    StandIns.systemctl(dir.resolve("bin"), systemd);
    tokenFile = dir.resolve("reporter.token");
    Files.writeString(tokenFile, TestServer.REPORTER + "\n");
    Path config = dir.resolve("healguard.yaml");
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\npolicy:\n  tables-dir: " + tables
        + "\n  watch-interval: 0\nhttp:\n  port: 1\nexecutor:\n  mode: systemctl\n  recheck-interval: 10s\n"
        + "holds:\n  sweep-interval: 100ms\nstore:\n  sync: normal\nauth:\n  tokens:\n"
        + "    - {name: hook, role: reporter, hash: \"" + ApiToken.hashText(TestServer.REPORTER) + "\"}\n"
        + "    - {name: ci, role: admin, hash: \"" + ApiToken.hashText(ADMIN) + "\"}\n");
    int port = TestServer.freePort();
    serve = ServeProcess.launch(config, port).handClock().pathFirst(dir.resolve("bin")).start();
    vertx = Vertx.vertx();
    http = new Http(vertx, port);
    // a fleet of healthy units, so one failed unit never looks like a fleet storm
    for (int i = 0; i < 20; i++) {
      assertThat(http.post("/api/v1/reports", ADMIN, "{\"unit\":\"healthy" + i + ".service\",\"status\":\"UP\"}")
          .status()).isEqualTo(200);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (http != null) http.close();
    if (serve != null) serve.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldRestartACrashThatSystemdReportedOnce() throws Exception {
    state("crash.service", "failed");
    ReportCommandTest.Run hook = hookReport("crash.service");

    // one recheck interval later: systemd still says failed, reported again (2 of 3 DOWNs)
    JsonObject second = afterStep("crash.service", 2);
    // and one more: the third DOWN confirms the failure, the policy restarts
    JsonObject third = afterStep("crash.service", 3);
    List<String> calls = Waits.until(DEADLINE, this::systemctlCalls, c -> c.contains("restart -- crash.service"));
    List<String> executed = Waits.until(DEADLINE, () -> audited("crash.service"), a -> a.contains("RESTART_EXECUTED EXITED_0"));
    // one more interval: systemd says the restart brought it back, the recovery is reported as UP
    JsonObject recovered = afterStep("crash.service", 4);

    assertThat(hook.code).as(hook.err.toString()).isZero();
    assertThat(hook.out.toString()).contains("NONE (BELOW_THRESHOLD");
    assertThat(second.getJsonObject("lastDecision").getString("reason")).isEqualTo("BELOW_THRESHOLD");
    assertThat(second.getJsonObject("lastReport").getString("source")).isEqualTo("healguard:recheck");
    assertThat(second.getJsonObject("lastReport").getJsonObject("cause").getString("result")).isEqualTo("exit-code");
    assertThat(third.getJsonObject("lastDecision").getString("action")).isEqualTo("RESTART");
    assertThat(calls).contains("show -p ActiveState,SubState -- crash.service", "restart -- crash.service");
    assertThat(executed).containsExactly(
        "RESTART RESTART_PERMITTED from healguard:recheck", "RESTART_EXECUTED EXITED_0");
    assertThat(recovered.getJsonObject("lastReport").getString("status")).isEqualTo("UP");
    assertThat(recovered.getJsonObject("lastReport").getString("source")).isEqualTo("healguard:recheck");
    assertThat(recovered.getJsonObject("lastReport").getString("detail")).contains("is active", "after healguard's restart");
    // and that ends it: an UP is not rechecked
    long sweeps = sweeps();
    serve.advance(INTERVAL);
    Waits.until(DEADLINE, this::sweeps, n -> n >= sweeps + 3);
    assertThat(unitView("crash.service").getJsonObject("lastReport").getString("at"))
        .isEqualTo(recovered.getJsonObject("lastReport").getString("at"));
  }

  @Test
  void shouldEscalateWhenTheRestartsDoNotBringTheUnitBack() throws Exception {
    state("loop.service", "failed");
    // every restart is refused (as polkit refuses a unit the rule does not list): the unit stays failed
    Files.writeString(systemd.resolve("restart.denied"), "");
    try {
      hookReport("loop.service");
      JsonObject view = unitView("loop.service");

      for (int report = 2; report <= 20 && !"ESCALATE".equals(action(view)); report++) {
        view = afterStep("loop.service", report);
      }
      String lastReportAt = view.getJsonObject("lastReport").getString("at");
      // one more interval with the circuit open and the escalation standing: nothing re-reports
      long sweeps = sweeps();
      serve.advance(INTERVAL);
      Waits.until(DEADLINE, this::sweeps, n -> n >= sweeps + 3);

      assertThat(action(view) + " " + view.getJsonObject("lastDecision").getString("reason"))
          .isEqualTo("ESCALATE CHURN_LIMIT_REACHED");
      assertThat(systemctlCalls().stream().filter(c -> c.equals("restart -- loop.service")).count()).isEqualTo(3);
      assertThat(unitView("loop.service").getJsonObject("lastReport").getString("at")).isEqualTo(lastReportAt);
    } finally {
      Files.delete(systemd.resolve("restart.denied"));
    }
  }

  @Test
  void shouldNotReReportAUnitThatSystemdSaysIsActive() throws Exception {
    // the unit crashed, and someone started it again by hand before healguard asked
    state("manual.service", "active");
    hookReport("manual.service");
    String reportAt = unitView("manual.service").getJsonObject("lastReport").getString("at");

    // one interval: asked once, systemd says active
    serve.advance(INTERVAL);
    long notFailed = Waits.until(DEADLINE, () -> metric("healguard_rechecks_total{outcome=\"not_failed\"}"), n -> n >= 1);
    // another: not asked again until its next report
    long sweeps = sweeps();
    serve.advance(INTERVAL);
    Waits.until(DEADLINE, this::sweeps, n -> n >= sweeps + 3);

    JsonObject view = unitView("manual.service");
    assertThat(notFailed).isEqualTo(1);
    assertThat(view.getJsonObject("lastReport").getString("at")).isEqualTo(reportAt);
    assertThat(view.getJsonObject("lastReport").getString("source")).isEqualTo("systemd-onfailure");
    assertThat(view.getJsonObject("state").getInteger("downCount")).isEqualTo(1);
    assertThat(systemctlCalls()).containsOnlyOnce("show -p ActiveState,SubState -- manual.service");
  }

  @Test
  void shouldAskAgainAnIntervalLaterWhenSystemctlCannotBeAsked() throws Exception {
    state("busless.service", "failed");
    Files.writeString(systemd.resolve("bus.down"), "");
    String reportAt;
    long failedAfter;
    long failedBefore = metric("healguard_rechecks_total{outcome=\"probe_failed\"}");
    try {
      hookReport("busless.service");
      reportAt = unitView("busless.service").getJsonObject("lastReport").getString("at");
      // one interval: systemctl fails, nothing is reported
      serve.advance(INTERVAL);
      failedAfter = Waits.until(DEADLINE, () -> metric("healguard_rechecks_total{outcome=\"probe_failed\"}"),
          n -> n > failedBefore);
    } finally {
      Files.delete(systemd.resolve("bus.down"));
    }
    String stillAt = unitView("busless.service").getJsonObject("lastReport").getString("at");

    // the bus is back; one more interval: asked again, still failed, reported
    JsonObject view = afterStep("busless.service", 2);

    assertThat(failedAfter).isGreaterThan(failedBefore);
    assertThat(stillAt).isEqualTo(reportAt);
    assertThat(serve.linesWith("unit busless.service: recheck: cannot ask systemd")).isNotEmpty();
    assertThat(view.getJsonObject("lastReport").getString("source")).isEqualTo("healguard:recheck");
    assertThat(view.getJsonObject("state").getInteger("downCount")).isEqualTo(2);
  }

  /** What {@code healguard-report@<unit>.service} runs when systemd starts it for a crash. */
  private ReportCommandTest.Run hookReport(String unit) {
    Map<String, String> env = new HashMap<>();
    env.put("HEALGUARD_URL", "http://127.0.0.1:" + serve.port);
    env.put("HEALGUARD_TOKEN_FILE", tokenFile.toString());
    env.put("MONITOR_SERVICE_RESULT", "exit-code");
    env.put("MONITOR_EXIT_CODE", "exited");
    env.put("MONITOR_EXIT_STATUS", "1");
    env.put("MONITOR_INVOCATION_ID", "0123456789abcdef0123456789abcdef");
    env.put("MONITOR_UNIT", unit);
    return ReportCommandTest.Run.of(env, "--from-systemd", "--unit", unit);
  }

  /** Moves the child's clock one recheck interval and waits until the unit has its {@code n}-th DOWN report. */
  private JsonObject afterStep(String unit, int n) throws Exception {
    String before = unitView(unit).getJsonObject("lastReport").getString("at");
    serve.advance(INTERVAL);
    JsonObject view = Waits.until(DEADLINE, () -> unitView(unit),
        v -> !v.getJsonObject("lastReport").getString("at").equals(before));
    assertThat(view.getJsonObject("lastReport").getString("at")).as("report %d of %s:\n%s", n, unit, serve.tail(20))
        .isNotEqualTo(before);
    return view;
  }

  private void state(String unit, String state) throws Exception {
    Files.writeString(systemd.resolve(unit + ".state"), state + "\n");
  }

  private List<String> systemctlCalls() {
    try {
      Path calls = systemd.resolve("systemctl.calls");
      return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonObject unitView(String unit) {
    return http.get("/api/v1/units/" + unit, ADMIN).json();
  }

  private static String action(JsonObject view) {
    return view.getJsonObject("lastDecision").getString("action");
  }

  /** The unit's audit events, oldest first: decisions with their report's source, executions with their result. */
  private List<String> audited(String unit) {
    List<String> events = new java.util.ArrayList<>(http.get("/api/v1/audit?unit=" + unit + "&format=jsonl&limit=100", ADMIN)
        .body().lines().map(JsonObject::new)
        .map(e -> e.getJsonObject("input") == null
            ? e.getString("type") + " " + e.getString("reason")
            : e.getString("action") + " " + e.getString("reason") + " from " + e.getJsonObject("input").getString("source"))
        .toList());
    java.util.Collections.reverse(events);
    return events;
  }

  private long sweeps() {
    return metric("healguard_recheck_sweeps_total");
  }

  private long metric(String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
        .matcher(http.get("/metrics", null).body());
    if (!m.find()) {
      throw new AssertionError("no series " + series + " in /metrics");
    }
    return (long) Double.parseDouble(m.group(1));
  }
}
