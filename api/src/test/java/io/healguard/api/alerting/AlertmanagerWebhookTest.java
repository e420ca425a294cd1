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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus alerts in as reports: a real Alertmanager whose webhook receiver is healguard's
 * integration endpoint (with a reporter token) turns a firing alert into a DOWN report and its
 * resolution into UP; and, straight on the endpoint, how repeated notifications of one alert
 * count toward the failure threshold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertmanagerWebhookTest {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final String PATH = "/api/v1/integrations/alertmanager";
  Vertx vertx;
  TestServer server;
  Http http;
  AlertmanagerProcess am;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, Files.createDirectories(dir.resolve("hg")));
    http = new Http(vertx, server.port);
    Path token = Files.writeString(dir.resolve("reporter.token"), TestServer.REPORTER);
    am = AlertmanagerProcess.start(Files.createDirectories(dir.resolve("am")), """
        route:
          receiver: healguard
          group_by: [alertname, unit]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: healguard
            webhook_configs:
              - url: http://127.0.0.1:%d%s
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials_file: %s
        """.formatted(server.port, PATH, token));
  }

  @AfterAll
  void stop() {
    if (am != null) am.close();
    if (http != null) http.close();
    if (server != null) server.close();
    if (vertx != null) vertx.close();
  }

  JsonObject lastReport(String unit) {
    Http.Reply r = http.get("/api/v1/units/" + unit, TestServer.VIEWER);
    return r.status() == 200 ? r.json().getJsonObject("lastReport", new JsonObject()) : new JsonObject();
  }

  String probeAlert(String unit, Instant endsAt) {
    return new JsonArray().add(new JsonObject()
        .put("labels", new JsonObject().put("alertname", "ProbeFailure").put("unit", unit).put("severity", "critical"))
        .put("annotations", new JsonObject().put("summary", "HTTP probe of " + unit + " failed"))
        .put("startsAt", Instant.now().minusSeconds(30).toString()).put("endsAt", endsAt.toString())).encode();
  }

  @Test
  void shouldTurnAFiringAlertIntoDownAndItsResolutionIntoUp() throws Exception {
    String unit = "probe-web.service";

    am.post("/api/v2/alerts", probeAlert(unit, Instant.now().plus(Duration.ofHours(1))));
    JsonObject down = Waits.until(DEADLINE, () -> lastReport(unit), r -> "DOWN".equals(r.getString("status")));
    am.post("/api/v2/alerts", probeAlert(unit, Instant.now()));
    JsonObject up = Waits.until(DEADLINE, () -> lastReport(unit), r -> "UP".equals(r.getString("status")));

    assertThat(down.getString("status")).as("after firing; alertmanager log:\n%s", am.log()).isEqualTo("DOWN");
    assertThat(down.getString("source")).isEqualTo("ProbeFailure");
    assertThat(down.getString("detail")).isEqualTo("HTTP probe of " + unit + " failed");
    assertThat(up.getString("status")).as("after resolving; alertmanager log:\n%s", am.log()).isEqualTo("UP");
  }

  static String notification(String unit, String fingerprint) {
    return new JsonObject().put("version", "4").put("status", "firing").put("receiver", "healguard")
        .put("alerts", new JsonArray().add(new JsonObject().put("status", "firing")
            .put("labels", new JsonObject().put("alertname", "ProbeFailure").put("unit", unit))
            .put("annotations", new JsonObject().put("summary", "probe failed"))
            .put("startsAt", "2026-12-02T10:00:00Z").put("endsAt", "0001-01-01T00:00:00Z")
            .put("fingerprint", fingerprint))).encode();
  }

  int downCount(String unit) {
    return http.get("/api/v1/units/" + unit, TestServer.VIEWER).json().getJsonObject("state").getInteger("downCount");
  }

  @Test
  void shouldCountARepeatedNotificationOnceAndAnAlertmanagerRepeatAsOneMoreDown() {
    String unit = "repeat.service";
    String n = notification(unit, "f00d");
    http.post(PATH, TestServer.REPORTER, n);
    int afterFirst = downCount(unit);

    // the same notification again at once (an HA peer, a retry): acknowledged, not decided
    Http.Reply duplicate = http.post(PATH, TestServer.REPORTER, n);
    int afterDuplicate = downCount(unit);
    // Alertmanager's next repeat of the still-firing alert, past the dedupe window: one more DOWN
    server.clock.advance(AlertingConfig.Webhook.DEFAULT_DEDUPE);
    http.post(PATH, TestServer.REPORTER, n);

    assertThat(duplicate.json().getJsonArray("skipped").getJsonObject(0).getString("result")).isEqualTo("duplicate");
    assertThat(new int[] {afterFirst, afterDuplicate, downCount(unit)}).containsExactly(1, 1, 2);
  }

  @Test
  void shouldSkipAnInvalidUnitNameAndStillDecideTheRest() {
    String body = new JsonObject().put("version", "4").put("alerts", new JsonArray()
        .add(new JsonObject().put("status", "firing").put("labels", new JsonObject().put("alertname", "X").put("unit", "../etc")))
        .add(new JsonObject().put("status", "firing").put("labels", new JsonObject().put("alertname", "X").put("unit", "ok.service")))).encode();

    Http.Reply r = http.post(PATH, TestServer.REPORTER, body);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonArray("decided").getJsonObject(0).getString("unit")).isEqualTo("ok.service");
    assertThat(r.json().getJsonArray("skipped").getJsonObject(0).getString("result")).isEqualTo("invalid_unit");
    assertThat(http.get("/metrics", null).body())
        .contains("healguard_alertmanager_webhook_alerts_total{result=\"invalid_unit\"} 1.0");
  }

  @Test
  void shouldRefuseAnotherPayloadVersionNamingTheField() {
    Http.Reply r = http.post(PATH, TestServer.REPORTER, "{\"version\":\"3\",\"alerts\":[]}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains("version", "3", "\"4\"");
  }
}
