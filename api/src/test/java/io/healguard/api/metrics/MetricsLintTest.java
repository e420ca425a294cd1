package io.healguard.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.AlertmanagerProcess;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a running service the way a scraper reads it: every counter present at 0
 * before its first event, per-unit circuit state after a crash loop, and nothing for
 * {@code promtool check metrics} (Prometheus' own linter) to complain about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsLintTest {
  Vertx vertx;
  TestServer server;
  Http http;
  String atStart;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir);
    http = new Http(vertx, server.port);
    atStart = http.get("/metrics", null).body();
    String circuit = "CLOSED";
    for (int i = 0; i < 100 && !"OPEN".equals(circuit); i++) {
      circuit = http.post("/api/v1/reports", TestServer.REPORTER,
          new JsonObject().put("unit", "lint.service").put("status", "DOWN").encode()).json().getString("circuit");
      // 300 ms until the next DOWN: with a 1s cooldown the churn limit opens the circuit
      server.clock.advance(Duration.ofMillis(300));
    }
    assertThat(circuit).isEqualTo("OPEN");
  }

  @AfterAll
  void stop() {
    if (http != null) http.close();
    if (server != null) server.close();
    if (vertx != null) vertx.close();
  }

  @Test
  void shouldExposeEveryKnownCounterAtZeroBeforeItsFirstEvent() {
    assertThat(atStart).contains(
        "healguard_decisions_total{action=\"ESCALATE\",reason=\"CHURN_LIMIT_REACHED\"} 0.0",
        "healguard_decisions_total{action=\"RESTART\",reason=\"RESTART_PERMITTED\"} 0.0",
        "healguard_restarts_total 0.0",
        "healguard_decisions_by_cause_total{action=\"ESCALATE\",cause_class=\"CONFIG_ERROR\"} 0.0",
        "healguard_restarts_blocked_total{reason=\"CIRCUIT_OPEN\"} 0.0",
        "healguard_restart_executions_total{mode=\"command\",success=\"false\"} 0.0",
        "healguard_shadow_disagreements_total{live_action=\"RESTART\",shadow_action=\"BLOCK\"} 0.0",
        "healguard_build_info{");
  }

  @Test
  void shouldShowTheCircuitStateOfEachUnitWithItsUnitLabel() {
    String metrics = http.get("/metrics", null).body();

    assertThat(metrics).contains(
        "healguard_unit_circuit_state{state=\"OPEN\",unit=\"lint.service\"} 1.0",
        "healguard_unit_circuit_state{state=\"CLOSED\",unit=\"lint.service\"} 0.0",
        "healguard_alert_active{severity=\"critical\",signal=\"CIRCUIT_OPEN\",unit=\"lint.service\"} 1.0",
        "healguard_decisions_total{action=\"ESCALATE\",reason=\"CHURN_LIMIT_REACHED\"} 1.0");
  }

  @Test
  void shouldPassPromtoolCheckMetricsAfterACrashLoop() throws Exception {
    Path promtool = AlertmanagerProcess.onPath("promtool");
    Assumptions.assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus; .ci/run installs it): skipped");
    String metrics = http.get("/metrics", null).body();

    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(out).as("promtool check metrics said").isEmpty();
    assertThat(p.exitValue()).isZero();
  }
}
