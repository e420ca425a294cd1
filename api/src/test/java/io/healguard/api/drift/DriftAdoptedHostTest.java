package io.healguard.api.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.contract.ContractRenderer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on hosts judged by effect (issue 10): an application-owned env file without the
 * contract's keys blocks nothing, before or after adoption by {@code contract render}; a unit whose
 * required env file is absent (it will not start) is blocked until the file is installed.
 */
class DriftAdoptedHostTest {
  static final String UNIT = DriftHost.UNIT;
  @TempDir Path dir;
  Vertx vertx;
  DriftHost host;
  Http http;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    if (http != null) {
      http.close();
    }
    if (host != null) {
      host.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldRestartAUnitWhoseEnvFileIsTheApplicationsOwnAndHoldsNoContractKey() throws Exception {
    start("clean-app-owned-env-file", (root, contract) -> { });

    JsonObject decision = downUntilNot("NONE");

    assertThat(decision.getString("action")).isEqualTo("RESTART");
    assertThat(unitDrift()).isEqualTo("[]");
    assertThat(http.get("/api/v1/drift", TestServer.VIEWER).json().getJsonObject("counts").encode())
        .isEqualTo("{\"error\":0,\"warning\":0,\"info\":1}");
  }

  @Test
  void shouldRestartAUnitOnAHostAdoptedByRenderAndKeepTheApplicationsSettings() throws Exception {
    start("clean-app-owned-env-file", (root, contract) -> ContractRenderer.render(contract, root).writeTo(root));

    JsonObject decision = downUntilNot("NONE");

    assertThat(decision.getString("action")).isEqualTo("RESTART");
    assertThat(unitDrift()).isEqualTo("[]");
    assertThat(Files.readString(host.root.resolve("etc/app/runtime.env")))
        .contains("DATABASE_URL=postgresql://ingest@db.internal:5432/ingest\nLOG_LEVEL=info\nPYTHONUNBUFFERED=1\n")
        .contains("APP_PYTHON=/opt/conda/envs/ingest/bin/python3.11\n");
  }

  @Test
  void shouldBlockAUnitWhoseRequiredEnvFileIsMissingUntilAScanFindsItInstalled() throws Exception {
    start("drift-env-file-missing", (root, contract) -> { });
    JsonObject blocked = downUntilNot("NONE");
    assertThat(blocked.getString("action")).isEqualTo("BLOCK");
    assertThat(blocked.getString("reason")).isEqualTo("RUNTIME_DRIFT");
    // the operator installs the env file and the secrets file the unit requires
    ContractRenderer.render(host.contract, host.root).writeTo(host.root);
    Files.writeString(host.root.resolve("etc/app/secrets.env"), "API_TOKEN=from-vault\n");

    Http.Reply scan = http.post("/api/v1/drift/scan", TestServer.OPERATOR, null);

    assertThat(scan.json().getJsonObject("lastScan").getJsonArray("changes").getJsonObject(0).getString("change"))
        .isEqualTo("CLEARED");
    assertThat(unitDrift()).isEqualTo("[]");
    assertThat(report().getString("action")).isEqualTo("RESTART");
  }

  private void start(String caseName, DriftHost.Preparation preparation) throws Exception {
    host = DriftHost.start(vertx, dir, caseName, preparation);
    http = new Http(vertx, host.port);
  }

  private String unitDrift() {
    return http.get("/api/v1/units/" + UNIT, TestServer.VIEWER).json().getJsonArray("drift").encode();
  }

  private JsonObject report() {
    return http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"" + UNIT + "\",\"status\":\"DOWN\"}").json();
  }

  private JsonObject downUntilNot(String action) {
    JsonObject d = report();
    for (int i = 0; i < 10 && d.getString("action").equals(action); i++) {
      d = report();
    }
    return d;
  }
}
