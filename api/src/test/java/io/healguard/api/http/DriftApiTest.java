package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.drift.DriftHost;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift scan in a real service over real HTTP, against a real host copy whose one contract
 * unit starts with an interpreter mismatch ({@link DriftHost}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftApiTest {
  static final String UNIT = DriftHost.UNIT;
  Vertx vertx;
  DriftHost host;
  Http http;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    host = DriftHost.startWithInterpreterMismatch(vertx, dir);
    http = new Http(vertx, host.port);
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    host.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldBlockRestartsOfADriftedUnitUntilAScanFindsItFixed() throws Exception {
    // start-up scanned the host: the mismatch is an ERROR fact of the unit, and an alert
    JsonArray drift = unitView().getJsonArray("drift");
    assertThat(drift.size()).isEqualTo(1);
    assertThat(drift.getJsonObject(0).getString("kind")).isEqualTo("interpreter-mismatch");
    assertThat(drift.getJsonObject(0).getString("severity")).isEqualTo("ERROR");
    assertThat(drift.getJsonObject(0).getString("detail")).contains("/etc/systemd/system/" + UNIT);
    assertThat(alertSignals(UNIT)).contains("RUNTIME_DRIFT");

    // scanning the unchanged host again sends nothing: the fact keeps its first "since"
    Http.Reply again = http.post("/api/v1/drift/scan", TestServer.ADMIN, null);
    assertThat(again.json().getJsonObject("lastScan").getJsonArray("changes")).isEmpty();
    assertThat(unitView().getJsonArray("drift")).isEqualTo(drift);

    // DOWN until the restart threshold: the drift error blocks the restart
    JsonObject blocked = downUntilNot("NONE");
    assertThat(blocked.getString("action")).isEqualTo("BLOCK");
    assertThat(blocked.getString("reason")).isEqualTo("RUNTIME_DRIFT");

    // the fix lands on the host; an operator asks for a scan
    host.fixUnitFile();
    Http.Reply scan = http.post("/api/v1/drift/scan", TestServer.OPERATOR, null);

    assertThat(scan.status()).isEqualTo(200);
    JsonObject change = scan.json().getJsonObject("lastScan").getJsonArray("changes").getJsonObject(0);
    assertThat(change.getString("unit")).isEqualTo(UNIT);
    assertThat(change.getString("change")).isEqualTo("CLEARED");
    assertThat(change.getString("reason")).isEqualTo("DRIFT_CLEARED");
    assertThat(scan.json().getJsonObject("lastScan").getString("trigger")).isEqualTo("api:alice");
    assertThat(unitView().getJsonArray("drift")).isEmpty();
    assertThat(alertSignals(UNIT)).doesNotContain("RUNTIME_DRIFT");
    JsonArray audit = http.get("/api/v1/audit?unit=" + UNIT + "&type=DRIFT_CHANGED", TestServer.VIEWER)
        .json().getJsonArray("events");
    assertThat(audit.stream().map(e -> ((JsonObject) e).getString("reason")).toList())
        .containsExactly("DRIFT_CLEARED", "RUNTIME_DRIFT");
    // the unit is still past its DOWN threshold: the next DOWN is eligible and now restarts
    assertThat(report("DOWN").getString("action")).isEqualTo("RESTART");
  }

  @Test
  void shouldRefuseAScanToAViewerAndTheStatusToAReporter() {
    Http.Reply scan = http.post("/api/v1/drift/scan", TestServer.VIEWER, null);
    Http.Reply status = http.get("/api/v1/drift", TestServer.REPORTER);

    assertThat(scan.status()).isEqualTo(403);
    assertThat(scan.json().getString("detail")).contains("needs operator");
    assertThat(status.status()).isEqualTo(403);
  }

  @Test
  void shouldDescribeTheLastScanWithItsFindingsAndAPerUnitSummary() {
    Http.Reply r = http.get("/api/v1/drift", TestServer.VIEWER);

    JsonObject s = r.json();
    assertThat(r.status()).isEqualTo(200);
    assertThat(s.getBoolean("configured")).isTrue();
    assertThat(s.getString("contract")).isEqualTo(host.contract.toString());
    assertThat(s.getString("root")).isEqualTo(host.root.toString());
    assertThat(s.getJsonObject("lastScan").getString("at")).isNotBlank();
    assertThat(s.getJsonObject("lastScan").getLong("durationMs")).isNotNegative();
    assertThat(s.getJsonObject("lastScan").getString("outcome")).isEqualTo("OK");
    assertThat(s.getJsonObject("counts").fieldNames()).containsExactly("error", "warning", "info");
    assertThat(s.getJsonArray("units").stream().map(u -> ((JsonObject) u).getString("unit")).toList())
        .containsExactly(UNIT);
    assertThat(s.getJsonArray("findings").size()).isEqualTo(s.getJsonObject("counts").getLong("error").intValue()
        + s.getJsonObject("counts").getLong("warning").intValue() + s.getJsonObject("counts").getLong("info").intValue());
  }

  @Test
  void shouldExportTheLastScanTimeAndFindingsBySeverity() {
    http.get("/api/v1/drift", TestServer.VIEWER);

    String metrics = http.get("/metrics", null).body();

    assertThat(metrics)
        .contains("healguard_drift_last_scan_timestamp_seconds")
        .contains("healguard_drift_last_scan_success 1.0")
        .contains("healguard_drift_findings{severity=\"error\"}")
        .contains("healguard_drift_findings{severity=\"warning\"}")
        .contains("healguard_drift_findings{severity=\"info\"}")
        .contains("healguard_drift_scans_total{outcome=\"OK\"}");
  }

  private JsonObject unitView() {
    return http.get("/api/v1/units/" + UNIT, TestServer.VIEWER).json();
  }

  private JsonObject report(String status) {
    return http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"" + UNIT + "\",\"status\":\"" + status + "\"}").json();
  }

  private JsonObject downUntilNot(String action) {
    JsonObject d = report("DOWN");
    for (int i = 0; i < 10 && d.getString("action").equals(action); i++) {
      d = report("DOWN");
    }
    return d;
  }

  private List<String> alertSignals(String unit) {
    return http.get("/api/v1/alerts", TestServer.VIEWER).json().getJsonArray("alerts").stream()
        .map(JsonObject.class::cast).filter(a -> a.getString("unit").equals(unit))
        .map(a -> a.getString("signal")).toList();
  }
}
