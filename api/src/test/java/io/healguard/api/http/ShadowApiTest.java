package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadow mode over real HTTP: the service runs the test tables live and, as candidate, the same
 * tables with the standard tier's maxRestarts raised from 3 to 5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowApiTest {
  Vertx vertx;
  TestServer server;
  Http http;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path candidate = TestServer.fastTables(dir.resolve("candidate"));
    PolicyTables.setCell(candidate.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir, candidate);
    http = new Http(vertx, server.port);
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private JsonObject down(String unit) {
    return http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"" + unit + "\",\"status\":\"DOWN\"}").json();
  }

  @Test
  void shouldShowWhereTheCandidateWouldRestartWhileLiveEscalatesTheChurnLimit() throws Exception {
    String unit = "shadowloop.service";
    String reason = null;
    for (int i = 0; i < 100 && !"CHURN_LIMIT_REACHED".equals(reason); i++) {
      reason = down(unit).getString("reason");
      // 300 ms until the next DOWN: with a 1s cooldown the live policy runs out of its 3 restarts and escalates
      server.clock.advance(Duration.ofMillis(300));
    }

    JsonObject shadow = http.get("/api/v1/policy/shadow", TestServer.VIEWER).json();

    assertThat(reason).isEqualTo("CHURN_LIMIT_REACHED");
    assertThat(shadow.getBoolean("enabled")).isTrue();
    assertThat(shadow.getString("shadowVersion")).isNotEqualTo(shadow.getString("liveVersion")).hasSize(64);
    assertThat(shadow.getLong("compared")).isGreaterThanOrEqualTo(12);
    List<JsonObject> mine = shadow.getJsonArray("latest").stream().map(JsonObject.class::cast)
        .filter(d -> d.getString("unit").equals(unit)).toList();
    assertThat(mine).hasSize(1);
    JsonObject d = mine.get(0);
    assertThat(List.of(d.getJsonObject("live").getString("action"), d.getJsonObject("live").getString("reason"),
        d.getJsonObject("live").getString("row")))
        .containsExactly("ESCALATE", "CHURN_LIMIT_REACHED", "DT-GATES-024");
    assertThat(List.of(d.getJsonObject("shadow").getString("action"), d.getJsonObject("shadow").getString("reason"),
        d.getJsonObject("shadow").getString("row")))
        .containsExactly("RESTART", "RESTART_PERMITTED", "DT-GATES-026");
    assertThat(d.getJsonObject("input").getString("status")).isEqualTo("DOWN");
    assertThat(d.getString("at")).isNotBlank();
    assertThat(shadow.getString("caveat")).contains("live state");
    String metrics = http.get("/metrics", null).body();
    assertThat(metrics).contains("healguard_shadow_disagreements_total{live_action=\"ESCALATE\",shadow_action=\"RESTART\"} 1.0");
    assertThat(metrics).contains("healguard_shadow_decisions_compared_total");
    // the candidate's RESTART was never acted on: the unit has the live policy's 3 restarts and its circuit is open
    JsonObject view = http.get("/api/v1/units/" + unit, TestServer.VIEWER).json();
    assertThat(view.getJsonObject("state").getInteger("restartsInWindow")).isEqualTo(3);
    assertThat(view.getJsonObject("state").getString("circuit")).isEqualTo("OPEN");
    assertThat(http.get("/api/v1/audit?unit=" + unit + "&type=RESTART", TestServer.VIEWER).json()
        .getJsonArray("events")).hasSize(3);
  }

  @Test
  void shouldForbidTheShadowReportToAReporter() {
    Http.Reply r = http.get("/api/v1/policy/shadow", TestServer.REPORTER);

    assertThat(r.status()).isEqualTo(403);
  }
}
