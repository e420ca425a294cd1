package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code healguard report} puts on the wire, where the real service cannot show it yet: the
 * {@code cause} of issue 12 (today's service refuses the field) and a service answering 5xx. A
 * real HTTP server on loopback records each request and answers as scripted.
 */
class ReportWireTest {
  static final String DECISION = "{\"unit\":\"wire.service\",\"action\":\"NONE\",\"reason\":\"BELOW_THRESHOLD\","
      + "\"rule\":\"DT-GATES-014\",\"circuit\":\"CLOSED\",\"restartsInWindow\":0,\"maxRestarts\":3,\"window\":\"15m\"}";

  HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> auth = new CopyOnWriteArrayList<>();
  final AtomicInteger failFirst = new AtomicInteger();
  @TempDir Path dir;
  Path tokenFile;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/reports", this::answer);
    server.start();
    tokenFile = Files.writeString(dir.resolve("token"), "wire-secret\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange x) throws IOException {
    bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    auth.add(x.getRequestHeaders().getFirst("Authorization"));
    boolean fail = failFirst.getAndDecrement() > 0;
    byte[] b = (fail ? "{\"status\":503,\"detail\":\"store unavailable\"}" : DECISION).getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", fail ? "application/problem+json" : "application/json");
    x.sendResponseHeaders(fail ? 503 : 200, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  private Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("HEALGUARD_URL", "http://127.0.0.1:" + server.getAddress().getPort());
    env.put("HEALGUARD_TOKEN_FILE", tokenFile.toString());
    return env;
  }

  @Test
  void shouldSendTheCauseAsIssue12DefinesItWithTheLastFiftyJournalLines() throws Exception {
    StandIns.journalctl(dir, 50);
    Map<String, String> env = env(Map.of("MONITOR_SERVICE_RESULT", "exit-code", "MONITOR_EXIT_CODE", "exited",
        "MONITOR_EXIT_STATUS", "203", "MONITOR_INVOCATION_ID", "0123456789abcdef0123456789abcdef",
        "MONITOR_UNIT", "wire.service", "PATH", "/nonexistent:" + dir));

    ReportCommandTest.Run run = ReportCommandTest.Run.of(env, "--from-systemd", "--journal", "--unit", "wire.service");

    assertThat(run.code).isZero();
    assertThat(run.err.toString()).isEmpty();
    JsonObject sent = new JsonObject(bodies.get(0));
    assertThat(sent.fieldNames()).containsExactlyInAnyOrder("unit", "status", "observedAt", "source", "detail", "cause");
    assertThat(sent.getString("unit")).isEqualTo("wire.service");
    assertThat(sent.getString("status")).isEqualTo("DOWN");
    JsonObject cause = sent.getJsonObject("cause");
    assertThat(cause.fieldNames()).containsExactly("result", "exitCode", "exitStatus", "logTail");
    assertThat(cause.getString("result")).isEqualTo("exit-code");
    assertThat(cause.getString("exitCode")).isEqualTo("exited");
    assertThat(cause.getString("exitStatus")).isEqualTo("203");
    assertThat(cause.getString("logTail").lines()).hasSize(50).startsWith("line 1").endsWith("line 50");
    assertThat(Files.readAllLines(dir.resolve("journalctl.args")))
        .containsExactly("_SYSTEMD_INVOCATION_ID=0123456789abcdef0123456789abcdef", "-o", "cat", "-n", "50", "--no-pager", "-q");
    assertThat(auth).containsExactly("Bearer wire-secret");
  }

  @Test
  void shouldNameTheSignalWhenSystemdSaysTheProcessWasKilled() {
    Map<String, String> env = env(Map.of("MONITOR_SERVICE_RESULT", "signal", "MONITOR_EXIT_CODE", "killed",
        "MONITOR_EXIT_STATUS", "SEGV", "MONITOR_UNIT", "wire.service"));

    ReportCommandTest.Run run = ReportCommandTest.Run.of(env, "--from-systemd");

    assertThat(run.code).isZero();
    JsonObject cause = new JsonObject(bodies.get(0)).getJsonObject("cause");
    assertThat(cause.getMap()).containsExactly(Map.entry("result", "signal"), Map.entry("exitCode", "killed"),
        Map.entry("exitStatus", "SEGV"), Map.entry("signal", "SEGV"));
  }

  @Test
  void shouldLeaveOutAMalformedMonitorValueWithAWarningAndStillReport() {
    Map<String, String> env = env(Map.of("MONITOR_SERVICE_RESULT", "oom-kill", "MONITOR_EXIT_CODE", "exited",
        "MONITOR_EXIT_STATUS", "999", "MONITOR_UNIT", "wire.service"));

    ReportCommandTest.Run run = ReportCommandTest.Run.of(env, "--from-systemd");

    assertThat(run.code).isZero();
    assertThat(run.errLines()).containsExactly(
        "healguard: warning: MONITOR_EXIT_STATUS '999' is not a number 0-255; left out");
    assertThat(new JsonObject(bodies.get(0)).getJsonObject("cause").getMap())
        .containsExactly(Map.entry("result", "oom-kill"), Map.entry("exitCode", "exited"));
  }

  @Test
  void shouldReportWithoutALogTailWhenJournalctlIsMissing() {
    Map<String, String> env = env(Map.of("MONITOR_SERVICE_RESULT", "exit-code", "MONITOR_INVOCATION_ID",
        "0123456789abcdef0123456789abcdef", "MONITOR_UNIT", "wire.service", "PATH", dir.toString()));

    ReportCommandTest.Run run = ReportCommandTest.Run.of(env, "--from-systemd", "--journal");

    assertThat(run.code).isZero();
    assertThat(run.errLines()).containsExactly("healguard: warning: --journal: journalctl is not on PATH, so no log tail");
    assertThat(new JsonObject(bodies.get(0)).getJsonObject("cause").getMap()).containsOnlyKeys("result");
  }

  @Test
  void shouldRetryA5xxAndExit0WhenTheServiceRecovers() {
    failFirst.set(2);

    ReportCommandTest.Run run = ReportCommandTest.Run.of(env(Map.of()), "--unit", "wire.service", "--status", "DOWN",
        "--timeout", "30s");

    assertThat(run.code).isZero();
    assertThat(bodies).hasSize(3).containsOnly(bodies.get(0));
    assertThat(run.out.toString()).startsWith("wire.service: NONE (BELOW_THRESHOLD, row DT-GATES-014)");
  }

  @Test
  void shouldExit3WithTheLastProblemWhenThe5xxOutlastsTheTimeout() {
    failFirst.set(Integer.MAX_VALUE);

    ReportCommandTest.Run run = ReportCommandTest.Run.of(env(Map.of()), "--unit", "wire.service", "--status", "DOWN",
        "--timeout", "1s");

    assertThat(run.code).isEqualTo(3);
    assertThat(run.errLines()).singleElement().asString()
        .matches("healguard: http://127\\.0\\.0\\.1:\\d+/api/v1/reports answered 503 until --timeout 1s ran out "
            + "\\(\\d+ attempts\\): store unavailable");
    assertThat(bodies).hasSizeGreaterThan(1);
  }
}
