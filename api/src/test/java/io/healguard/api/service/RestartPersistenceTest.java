package io.healguard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a real child process killed with SIGKILL mid-life: what it acknowledged
 * before the kill (unit state and audit) is what the next process on the same data dir shows.
 */
class RestartPersistenceTest {
  private static final String TOKEN = "persist-admin";
  @TempDir Path dir;
  Vertx vertx;
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void cleanUp() {
    children.forEach(Process::destroyForcibly);
    vertx.close();
  }

  private Process serve(Path config, int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dhealguard.http.port=" + port, "io.healguard.api.Main", "serve", "--config", config.toString())
        .redirectErrorStream(true).start();
    children.add(p);
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.contains("healguard listening on http://127.0.0.1:" + port)) listening.complete(null);
        }
        listening.completeExceptionally(new IllegalStateException("serve exited with " + p.waitFor()));
      } catch (Exception e) {
        listening.completeExceptionally(e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    listening.get(3, TimeUnit.MINUTES);
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
    Process first = serve(config, port);
    Http http = new Http(vertx, port);
    String circuit = "CLOSED";
    for (int i = 0; i < 100 && !"OPEN".equals(circuit); i++) {
      circuit = http.post("/api/v1/reports", TOKEN, "{\"unit\":\"loop.service\",\"status\":\"DOWN\"}").json().getString("circuit");
      Thread.sleep(300);
    }
    JsonObject viewBefore = http.get("/api/v1/units/loop.service", TOKEN).json();
    String auditBefore = http.get("/api/v1/audit?unit=loop.service&format=jsonl&limit=1000", TOKEN).body();
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
    first.waitFor(30, TimeUnit.SECONDS);

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
