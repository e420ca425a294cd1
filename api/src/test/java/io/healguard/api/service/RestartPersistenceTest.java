package io.healguard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a real child process killed with SIGKILL mid-life: what it acknowledged
 * before the kill (unit state and audit) is what the next process on the same data dir shows.
 * The child runs on a clock the test moves, so the crash loop needs no sleeping.
 */
class RestartPersistenceTest {
  private static final String TOKEN = "persist-admin";
  @TempDir Path dir;
  Vertx vertx;
  final List<ServeProcess> children = new ArrayList<>();

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (ServeProcess p : children) p.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private ServeProcess serve(Path config, int port) throws Exception {
    ServeProcess p = ServeProcess.launch(config, port).handClock().start();
    children.add(p);
    return p;
  }

  @Test
  void shouldShowTheSameUnitViewsAndAuditAfterKill9AndRestart() throws Exception {
    Path tables = TestServer.fastTables(dir.resolve("tables"));
    Path config = dir.resolve("healguard.yaml");
    Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\npolicy:\n  tables-dir: " + tables
        + "\n  watch-interval: 0\nhttp:\n  port: 1\nauth:\n  tokens:\n    - {name: ci, role: admin, hash: \""
        + ApiToken.hashText(TOKEN) + "\"}\n");
    int port = TestServer.freePort();
    ServeProcess first = serve(config, port);
    Http http = new Http(vertx, port);
    String circuit = "CLOSED";
    for (int i = 0; i < 100 && !"OPEN".equals(circuit); i++) {
      circuit = http.post("/api/v1/reports", TOKEN, "{\"unit\":\"loop.service\",\"status\":\"DOWN\"}").json().getString("circuit");
      // 300 ms until the next DOWN: with a 1s cooldown the restarts run out and the churn limit opens the circuit
      first.advance(Duration.ofMillis(300));
    }
    JsonObject viewBefore = http.get("/api/v1/units/loop.service", TOKEN).json();
    String auditBefore = http.get("/api/v1/audit?unit=loop.service&format=jsonl&limit=1000", TOKEN).body();
    first.close(); // SIGKILL: no shutdown hook, no graceful close

    serve(config, port);
    JsonObject viewAfter = http.get("/api/v1/units/loop.service", TOKEN).json();
    String auditAfter = http.get("/api/v1/audit?unit=loop.service&format=jsonl&limit=1000", TOKEN).body();

    assertThat(circuit).isEqualTo("OPEN");
    assertThat(viewAfter.getJsonObject("lastDecision")).isEqualTo(viewBefore.getJsonObject("lastDecision"));
    assertThat(viewAfter.getJsonObject("lastReport")).isEqualTo(viewBefore.getJsonObject("lastReport"));
    for (String k : List.of("circuit", "circuitOpenedAt", "cooloffUntil", "restartsInWindow", "backoffStep", "downCount")) {
      assertThat(viewAfter.getJsonObject("state").getValue(k)).as(k).isEqualTo(viewBefore.getJsonObject("state").getValue(k));
    }
    assertThat(auditAfter).isEqualTo(auditBefore);
    assertThat(auditAfter.lines().count()).isGreaterThan(3);
    http.close();
  }
}
