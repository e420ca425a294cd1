package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code healguard report} in process against one real service over real HTTP (real store, real
 * tables). Each test reports its own unit, so tests do not see each other's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {
  Vertx vertx;
  TestServer server;
  Http http;
  Path tokens;
  String url;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir.resolve("server"));
    http = new Http(vertx, server.port);
    tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(tokens.resolve("reporter.token"), TestServer.REPORTER + "\n");
    url = "http://127.0.0.1:" + server.port;
    // a fleet of healthy units, so the few DOWN reports of these tests never look like a fleet storm
    for (int i = 0; i < 20; i++) {
      assertThat(http.post("/api/v1/reports", TestServer.REPORTER,
          "{\"unit\":\"healthy" + i + ".service\",\"status\":\"UP\"}").status()).isEqualTo(200);
    }
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** One {@code healguard report} run with the given environment; keeps what it printed. */
  static final class Run {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    int code;

    static Run of(Map<String, String> env, String... args) {
      Run r = new Run();
      CommandLine cl = HealguardCommand.commandLine();
      cl.setOut(new PrintWriter(r.out, true));
      cl.setErr(new PrintWriter(r.err, true));
      ((ReportCommand) cl.getSubcommands().get("report").getCommand()).env = env;
      String[] all = new String[args.length + 1];
      all[0] = "report";
      System.arraycopy(args, 0, all, 1, args.length);
      r.code = cl.execute(all);
      return r;
    }

    List<String> errLines() {
      return err.toString().strip().lines().toList();
    }
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HEALGUARD_URL", url);
    env.put("HEALGUARD_TOKEN_FILE", tokens.resolve("reporter.token").toString());
    return env;
  }

  private JsonObject unitView(String unit) {
    return http.get("/api/v1/units/" + unit, TestServer.VIEWER).json();
  }

  @Test
  void shouldPrintEachDecisionOfACrashLoopAndExit0() {
    List<Run> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(Run.of(env(), "--unit", "loop.service", "--status", "DOWN", "--detail", "exit 1"));
    }

    assertThat(runs).extracting(r -> r.code).containsExactly(0, 0, 0);
    assertThat(runs.get(0).out.toString()).startsWith("loop.service: NONE (BELOW_THRESHOLD, row DT-GATES-014, policy ");
    assertThat(runs.get(2).out.toString())
        .startsWith("loop.service: RESTART (RESTART_PERMITTED, row DT-GATES-026, policy ")
        .contains("  circuit CLOSED, 1 of 3 restarts in 15m, next restart allowed at ")
        .contains("  WATCH_RECOVERY: Restart allowed: watch the unit come back with systemctl status. "
            + "(runbook/RESTART_PERMITTED.md)");
    assertThat(runs).allSatisfy(r -> assertThat(r.err.toString()).isEmpty());
    assertThat(unitView("loop.service").getJsonObject("lastReport").getMap())
        .containsEntry("status", "DOWN").containsEntry("detail", "exit 1").containsEntry("source", "healguard-report");
  }

  @Test
  void shouldPrintTheServiceAnswerUnchangedWithFormatJson() {
    Run run = Run.of(env(), "--unit", "json.service", "--status", "up", "--format", "json");

    assertThat(run.code).isZero();
    JsonObject decision = new JsonObject(run.out.toString());
    assertThat(decision.getString("unit")).isEqualTo("json.service");
    assertThat(decision.getString("reason")).isEqualTo("HEALTHY");
    assertThat(decision.getString("rule")).isEqualTo(unitView("json.service").getJsonObject("lastDecision").getString("rule"));
    assertThat(run.out.toString().lines()).hasSize(1);
  }

  @Test
  void shouldTakeUrlAndTokenFileFromTheirOptionsOverTheEnvironment() {
    Map<String, String> env = Map.of("HEALGUARD_URL", "http://127.0.0.1:1", "HEALGUARD_TOKEN_FILE", "/nonexistent");

    Run run = Run.of(env, "--url", url + "/", "--token-file", tokens.resolve("reporter.token").toString(),
        "--unit", "options.service", "--status", "DEGRADED");

    assertThat(run.code).isZero();
    assertThat(unitView("options.service").getJsonObject("lastReport").getString("status")).isEqualTo("DEGRADED");
  }

  @Test
  void shouldExit2WithOneLineWhenNoTokenFileIsGiven() {
    Run run = Run.of(Map.of("HEALGUARD_URL", url), "--unit", "notoken.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("healguard: no token: give --token-file FILE or set HEALGUARD_TOKEN_FILE "
        + "to a file holding a reporter token (a token is never taken on the command line)");
    assertThat(http.get("/api/v1/units/notoken.service", TestServer.VIEWER).status()).isEqualTo(404);
  }

  @Test
  void shouldExit2WithOneLineWhenTheTokenFileDoesNotExist() {
    Path missing = tokens.resolve("missing.token");

    Run run = Run.of(env(), "--token-file", missing.toString(), "--unit", "missing.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("healguard: --token-file " + missing + " cannot be read: no such file");
  }

  @Test
  void shouldExit2WithOneLineWhenTheTokenFileCannotBeRead() {
    // a directory: unreadable as a file even for root (the dist IT also runs a real EACCES as another user)
    Run run = Run.of(env(), "--token-file", tokens.toString(), "--unit", "unreadable.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("healguard: --token-file " + tokens + " cannot be read: it is a directory");
  }

  @Test
  void shouldExit2WithOneLineWhenTheTokenFileFromTheEnvironmentIsEmpty() throws Exception {
    Path empty = Files.writeString(tokens.resolve("empty.token"), "\n");
    Map<String, String> env = env();
    env.put("HEALGUARD_TOKEN_FILE", empty.toString());

    Run run = Run.of(env, "--unit", "empty.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("healguard: HEALGUARD_TOKEN_FILE " + empty + " is empty; it must hold one bearer token");
  }

  @Test
  void shouldExit2AndSendNothingWhenTheStatusIsNotKnown() {
    Run run = Run.of(env(), "--unit", "badstatus.service", "--status", "BROKEN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("healguard: --status must be one of UP, DEGRADED, DOWN, but was 'BROKEN'");
    assertThat(http.get("/api/v1/units/badstatus.service", TestServer.VIEWER).status()).isEqualTo(404);
  }

  @Test
  void shouldExit2WhenTheUnitNameIsNotASystemdName() {
    Run run = Run.of(env(), "--unit", "api", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("healguard: --unit must be a unit name ending in a known suffix");
  }

  @Test
  void shouldExit2WhenTheUrlIsNotHttp() {
    Map<String, String> env = env();
    env.put("HEALGUARD_URL", "ftp://127.0.0.1/");

    Run run = Run.of(env, "--unit", "url.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("healguard: HEALGUARD_URL must be an http:// or https:// URL of the service "
        + "such as http://127.0.0.1:8080, but was 'ftp://127.0.0.1/'");
  }

  @Test
  void shouldExit3AfterRetryingWhenNothingListens() throws Exception {
    int closed = TestServer.freePort();

    Run run = Run.of(env(), "--url", "http://127.0.0.1:" + closed, "--timeout", "1s", "--unit", "gone.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(3);
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("healguard: http://127.0.0.1:" + closed + "/api/v1/reports could not be reached within 1s (")
        .endsWith(" attempts): connection refused")
        .doesNotContain("(1 attempt)");
  }

  @Test
  void shouldExit2WithTheServiceReasonWhenItRefusesTheToken() throws Exception {
    Path wrong = Files.writeString(tokens.resolve("wrong.token"), "not-a-token\n");

    Run run = Run.of(env(), "--token-file", wrong.toString(), "--unit", "refused.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly(
        "healguard: the service refused the token (401); check the token file");
    assertThat(http.get("/api/v1/units/refused.service", TestServer.VIEWER).status()).isEqualTo(404);
  }

  @Test
  void shouldExit2WhenJournalIsAskedForWithoutFromSystemd() {
    Run run = Run.of(env(), "--journal", "--unit", "journal.service", "--status", "DOWN");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("healguard: --journal needs --from-systemd");
  }

  @Test
  void shouldReportDownWithTheFailureInTheDetailWhenTheServiceRefusesTheCause() {
    // a result no table knows: refused today (no cause field yet) and under issue 12 (unknown result)
    Map<String, String> env = env();
    env.putAll(Map.of("MONITOR_SERVICE_RESULT", "made-up-result", "MONITOR_EXIT_CODE", "exited",
        "MONITOR_EXIT_STATUS", "203", "MONITOR_INVOCATION_ID", "0123456789abcdef0123456789abcdef",
        "MONITOR_UNIT", "refusedcause.service"));

    Run run = Run.of(env, "--from-systemd");

    assertThat(run.code).isZero();
    assertThat(run.errLines()).singleElement().asString()
        .startsWith("healguard: warning: the service refused the cause (")
        .endsWith("); reporting DOWN without it");
    assertThat(unitView("refusedcause.service").getJsonObject("lastReport").getMap())
        .containsEntry("status", "DOWN")
        .containsEntry("source", "systemd-onfailure")
        .containsEntry("detail", "systemd: refusedcause.service failed (result made-up-result, exited 203); "
            + "journalctl _SYSTEMD_INVOCATION_ID=0123456789abcdef0123456789abcdef");
  }

  @Test
  void shouldReportDownWithAWarningWhenSystemdGaveNoMonitorVariables() {
    Run run = Run.of(env(), "--from-systemd", "--unit", "oldsystemd.service");

    assertThat(run.code).isZero();
    assertThat(run.errLines()).singleElement().asString().startsWith("healguard: warning: no MONITOR_* variables");
    assertThat(unitView("oldsystemd.service").getJsonObject("lastReport").getString("status")).isEqualTo("DOWN");
  }

  @Test
  void shouldExit2WhenFromSystemdHasNoUnitAtAll() {
    Run run = Run.of(env(), "--from-systemd");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().startsWith("healguard: --unit is missing and MONITOR_UNIT is not set");
  }

  @Test
  void shouldExit2WhenFromSystemdIsToldAnotherStatusThanDown() {
    Run run = Run.of(env(), "--from-systemd", "--unit", "up.service", "--status", "UP");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.errLines()).containsExactly(
        "healguard: --status must be DOWN or left out with --from-systemd (a failed unit is down), but was 'UP'");
  }

  @Test
  void shouldShowTheCauseFromSystemdInTheUnitView(@TempDir Path bin) throws Exception {
    Path journalctl = StandIns.journalctl(bin, 60);
    Map<String, String> env = env();
    env.putAll(Map.of("MONITOR_SERVICE_RESULT", "exit-code", "MONITOR_EXIT_CODE", "exited", "MONITOR_EXIT_STATUS", "203",
        "MONITOR_INVOCATION_ID", "0123456789abcdef0123456789abcdef", "MONITOR_UNIT", "cause.service",
        "PATH", journalctl.getParent().toString()));

    Run run = Run.of(env, "--from-systemd", "--journal", "--unit", "cause.service");

    assertThat(run.code).isZero();
    assertThat(run.err.toString()).isEmpty();
    JsonObject cause = unitView("cause.service").getJsonObject("lastReport").getJsonObject("cause");
    assertThat(cause.getString("result")).isEqualTo("exit-code");
    assertThat(cause.getString("exitCode")).isEqualTo("exited");
    assertThat(cause.getString("exitStatus")).isEqualTo("203");
    assertThat(cause.getString("logTail")).endsWith("line 60");
  }
}
