package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.drift.DriftHost;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a contract configured (scans every hour), a RUNTIME_BROKEN failure starts a drift scan at
 * once: the interpreter that moved under the unit shows up as a finding without waiting an hour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CauseDriftScanTest {
  static final String UNIT = DriftHost.UNIT;
  static final String EXEC_FAILED = "{\"result\":\"exit-code\",\"exitCode\":\"exited\",\"exitStatus\":\"203\","
      + "\"logTail\":\"Failed to locate executable " + DriftHost.CONTRACT_PYTHON + ": No such file or directory\"}";
  Vertx vertx;
  DriftHost host;
  Http http;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    host = DriftHost.start(vertx, dir, DriftHost.CASE, (root, contract) -> {});
    http = new Http(vertx, host.port);
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    host.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldScanForDriftAtOnceWhenAUnitCannotExecItsInterpreter() throws Exception {
    // the start-up scan found the host clean
    assertThat(http.get("/api/v1/units/" + UNIT, TestServer.VIEWER).json().getJsonArray("drift")).isEmpty();
    // the env moved: the unit now runs an interpreter the contract does not name
    Files.writeString(host.unitFile, Files.readString(host.unitFile).replace(DriftHost.CONTRACT_PYTHON, DriftHost.SYSTEM_PYTHON));

    JsonObject d = report();

    assertThat(d.getJsonObject("cause").getString("causeClass")).isEqualTo("RUNTIME_BROKEN");
    // the scan runs on the scanner's worker after the answer: wait for it, bounded
    JsonObject scan = Waits.until(Duration.ofSeconds(30),
        () -> http.get("/api/v1/drift", TestServer.VIEWER).json().getJsonObject("lastScan"),
        s -> s != null && ("cause:" + UNIT).equals(s.getString("trigger")));
    assertThat(scan.getString("outcome")).isEqualTo("OK");
    JsonArray drift = http.get("/api/v1/units/" + UNIT, TestServer.VIEWER).json().getJsonArray("drift");
    assertThat(drift.size()).isEqualTo(1);
    assertThat(drift.getJsonObject(0).getString("kind")).isEqualTo("interpreter-mismatch");
    assertThat(drift.getJsonObject(0).getString("severity")).isEqualTo("ERROR");
  }

  private JsonObject report() {
    Http.Reply r = http.post("/api/v1/reports", TestServer.REPORTER,
        "{\"unit\":\"" + UNIT + "\",\"status\":\"DOWN\",\"cause\":" + EXEC_FAILED + "}");
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }
}
