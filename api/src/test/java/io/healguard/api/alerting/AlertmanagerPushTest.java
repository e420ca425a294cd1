package io.healguard.api.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.AlertmanagerProcess;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * healguard pushing to a real Alertmanager on loopback: a crash loop's alerts arrive with their
 * labels and annotations, a reset resolves them, an Alertmanager killed and started again hears
 * them again within one resend interval, and a silence mutes them while healguard keeps deciding.
 * Each test drives its own unit. The service's clock is moved by hand, a few seconds in all, so
 * the times sent run that far ahead of Alertmanager's clock; the polls' deadlines allow for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerPushTest {
  static final Duration RESEND = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(60);
  Vertx vertx;
  AlertmanagerProcess am;
  TestServer server;
  Http http;
  String looping;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    am = AlertmanagerProcess.start(Files.createDirectories(dir.resolve("am")), AlertmanagerProcess.quietConfig());
    Path token = Files.writeString(dir.resolve("am.token"), "am-secret\n");
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, Files.createDirectories(dir.resolve("hg")), null, Map.of(
        "alerting.alertmanagers", List.of(Map.of("url", am.url(), "bearer_token_file", token.toString())),
        "alerting.resend-interval", RESEND.toSeconds() + "s",
        "alerting.external-url", "https://healguard.example.org",
        "alerting.runbook-base", "https://git.example.org/healguard/blob/main",
        "alerting.labels", Map.of("team", "ops")));
    http = new Http(vertx, server.port);
  }

  @AfterAll
  void stop() {
    if (http != null) http.close();
    if (server != null) server.close();
    if (vertx != null) vertx.close();
    if (am != null) am.close();
  }

  /**
   * Each test's unit is reset and reported UP after it: units left DOWN would add up to a fleet
   * storm, which stops restarts, and the next test's crash loop would never open its circuit.
   */
  @AfterEach
  void healTheUnit() {
    if (looping != null) {
      http.post("/api/v1/units/" + looping + "/overrides", TestServer.OPERATOR,
          new JsonObject().put("mode", "RESET").put("reason", "test over").encode());
      http.post("/api/v1/reports", TestServer.REPORTER, new JsonObject().put("unit", looping).put("status", "UP").encode());
      looping = null;
    }
  }

  void crashLoop(String unit) {
    looping = unit;
    String circuit = "CLOSED";
    for (int i = 0; i < 100 && !"OPEN".equals(circuit); i++) {
      circuit = http.post("/api/v1/reports", TestServer.REPORTER,
          new JsonObject().put("unit", unit).put("status", "DOWN").put("source", "watchdog").encode()).json().getString("circuit");
      // 300 ms until the next DOWN: with a 1s cooldown the restarts run out and the churn limit opens the circuit
      server.clock.advance(Duration.ofMillis(300));
    }
    assertThat(circuit).as("circuit of %s after the crash loop", unit).isEqualTo("OPEN");
  }

  /** The alerts Alertmanager holds for {@code unit}, as its API v2 lists them (silenced ones too). */
  List<JsonObject> alertsOf(String unit) {
    String body = am.get("/api/v2/alerts?filter=" + java.net.URLEncoder.encode("unit=\"" + unit + "\"", java.nio.charset.StandardCharsets.UTF_8));
    if (!body.startsWith("[")) {
      return List.of();
    }
    return new JsonArray(body).stream().map(JsonObject.class::cast).toList();
  }

  static JsonObject named(List<JsonObject> alerts, String alertname) {
    return alerts.stream().filter(a -> alertname.equals(a.getJsonObject("labels").getString("alertname"))).findFirst()
        .orElse(null);
  }

  @Test
  void shouldDeliverACrashLoopsAlertsWithTheirLabelsAndAnnotations() throws Exception {
    String unit = "push-labels.service";

    crashLoop(unit);

    List<JsonObject> seen = Waits.until(DEADLINE, () -> alertsOf(unit),
        l -> named(l, "HealguardCircuitOpen") != null && named(l, "HealguardEscalated") != null);
    JsonObject open = named(seen, "HealguardCircuitOpen");
    assertThat(open).as("alerts in Alertmanager: %s\n%s", seen, am.log()).isNotNull();
    assertThat(open.getJsonObject("labels").getMap()).containsAllEntriesOf(Map.of(
        "alertname", "HealguardCircuitOpen", "unit", unit, "tier", "standard", "severity", "critical",
        "signal", "CIRCUIT_OPEN", "team", "ops"));
    assertThat(open.getJsonObject("labels").getString("instance")).endsWith(":" + server.port);
    JsonObject ann = open.getJsonObject("annotations");
    assertThat(ann.getString("summary")).contains(unit, "circuit OPEN");
    assertThat(ann.getString("description")).contains("Restarts in window: 3/3", "circuit OPEN", "next restart allowed: ");
    assertThat(ann.getString("recommendation")).startsWith("INVESTIGATE_CRASH_LOOP: ");
    assertThat(ann.getString("runbook_url")).startsWith("https://git.example.org/healguard/blob/main/runbook/");
    assertThat(open.getString("generatorURL")).isEqualTo("https://healguard.example.org/api/v1/units/" + unit);
    assertThat(open.getJsonObject("status").getString("state")).isEqualTo("active");
    // amtool, the operator's tool, sees the same alert
    assertThat(am.amtoolQuery("unit=" + unit, "alertname=HealguardCircuitOpen")).contains("\"alertname\":\"HealguardCircuitOpen\"");
  }

  @Test
  void shouldResolveTheAlertsAfterAReset() throws Exception {
    String unit = "push-reset.service";
    crashLoop(unit);
    Waits.until(DEADLINE, () -> alertsOf(unit), l -> named(l, "HealguardCircuitOpen") != null);

    http.post("/api/v1/units/" + unit + "/overrides", TestServer.OPERATOR,
        new JsonObject().put("mode", "RESET").put("reason", "fixed the config").encode());

    // Alertmanager lists only unresolved alerts: the resolution (endsAt = the reset) empties the list
    List<JsonObject> left = Waits.until(DEADLINE, () -> alertsOf(unit), List::isEmpty);
    assertThat(left).as("still in Alertmanager after the reset").isEmpty();
  }

  @Test
  void shouldSendTheAlertAgainToAnAlertmanagerKilledAndStartedAgain() throws Exception {
    String unit = "push-restart.service";
    crashLoop(unit);
    Waits.until(DEADLINE, () -> alertsOf(unit), l -> named(l, "HealguardCircuitOpen") != null);

    am.restart();

    // its alerts were in memory only: what comes back was re-sent by healguard
    List<JsonObject> back = Waits.until(DEADLINE, () -> alertsOf(unit), l -> named(l, "HealguardCircuitOpen") != null);
    assertThat(named(back, "HealguardCircuitOpen")).as("after the restart: %s", back).isNotNull();
  }

  @Test
  void shouldSuppressTheAlertBySilenceWhileHealguardKeepsDeciding() throws Exception {
    String unit = "push-silence.service";
    crashLoop(unit);
    Waits.until(DEADLINE, () -> alertsOf(unit), l -> named(l, "HealguardCircuitOpen") != null);
    Instant now = Instant.now();
    am.post("/api/v2/silences", new JsonObject()
        .put("matchers", new JsonArray().add(new JsonObject().put("name", "unit").put("value", unit)
            .put("isRegex", false).put("isEqual", true)))
        .put("startsAt", now.toString()).put("endsAt", now.plus(Duration.ofHours(1)).toString())
        .put("createdBy", "test").put("comment", "maintenance").encode());

    Http.Reply decided = http.post("/api/v1/reports", TestServer.REPORTER,
        new JsonObject().put("unit", unit).put("status", "DOWN").encode());

    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.json().getString("reason")).isEqualTo("CIRCUIT_OPEN");
    List<JsonObject> muted = Waits.until(DEADLINE, () -> alertsOf(unit), l -> named(l, "HealguardCircuitOpen") != null
        && "suppressed".equals(named(l, "HealguardCircuitOpen").getJsonObject("status").getString("state")));
    assertThat(named(muted, "HealguardCircuitOpen").getJsonObject("status").getString("state")).isEqualTo("suppressed");
  }

  @Test
  void shouldShowTheAlertmanagerInHealthWithoutChangingReadiness() {
    Http.Reply health = http.get("/health", null);

    assertThat(health.status()).isEqualTo(200);
    JsonObject first = health.json().getJsonObject("alerting").getJsonArray("alertmanagers").getJsonObject(0);
    assertThat(first.getString("alertmanager")).isEqualTo(am.url());
  }
}
