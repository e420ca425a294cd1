package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.drift.DriftHost;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A contract that stops loading while the service runs: reported three ways, and no fact changes. */
class DriftContractErrorTest {
  static final String UNIT = DriftHost.UNIT;
  Vertx vertx;
  DriftHost host;
  Http http;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    host = DriftHost.startWithInterpreterMismatch(vertx, dir);
    http = new Http(vertx, host.port);
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    host.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldReportABrokenContractAndKeepTheFactsItFoundBefore() throws Exception {
    String factsBefore = unitDrift();
    String contract = Files.readString(host.contract);
    // the operator's edit breaks the contract while the unit file gets fixed: the fix must not count yet
    Files.writeString(host.contract, contract.replace("env_name: ingest", "env_name: \"\""));
    host.fixUnitFile();

    Http.Reply scan = http.post("/api/v1/drift/scan", TestServer.OPERATOR, null);

    assertThat(scan.status()).isEqualTo(422);
    assertThat(scan.contentType()).startsWith("application/problem+json");
    assertThat(scan.json().getString("detail")).contains(host.contract.toString()).contains("env_name")
        .contains("drift facts are unchanged");
    JsonObject status = http.get("/api/v1/drift", TestServer.VIEWER).json();
    assertThat(status.getJsonObject("lastScan").getString("outcome")).isEqualTo("CONTRACT_INVALID");
    assertThat(status.getJsonObject("lastScan").getString("error")).contains("env_name");
    assertThat(status.getJsonObject("counts").getLong("error")).isEqualTo(1L);
    assertThat(alertSignals("fleet")).contains("DRIFT_CONTRACT_INVALID");
    assertThat(unitDrift()).isEqualTo(factsBefore);
    assertThat(http.get("/metrics", null).body()).contains("healguard_drift_last_scan_success 0.0");
  }

  @Test
  void shouldEndTheContractAlertWhenTheContractLoadsAgain() throws Exception {
    String contract = Files.readString(host.contract);
    Files.writeString(host.contract, contract + "colour: red\n");
    http.post("/api/v1/drift/scan", TestServer.OPERATOR, null);
    assertThat(alertSignals("fleet")).contains("DRIFT_CONTRACT_INVALID");
    Files.writeString(host.contract, contract);

    Http.Reply scan = http.post("/api/v1/drift/scan", TestServer.OPERATOR, null);

    assertThat(scan.status()).isEqualTo(200);
    assertThat(scan.json().getJsonObject("lastScan").getString("outcome")).isEqualTo("OK");
    assertThat(alertSignals("fleet")).doesNotContain("DRIFT_CONTRACT_INVALID");
  }

  private String unitDrift() {
    return http.get("/api/v1/units/" + UNIT, TestServer.VIEWER).json().getJsonArray("drift").encode();
  }

  private List<String> alertSignals(String unit) {
    return http.get("/api/v1/alerts", TestServer.VIEWER).json().getJsonArray("alerts").stream()
        .map(JsonObject.class::cast).filter(a -> a.getString("unit").equals(unit))
        .map(a -> a.getString("signal")).toList();
  }
}
