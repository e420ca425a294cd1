package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Archived policy versions and rollback over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollbackApiTest {
  Vertx vertx;
  TestServer server;
  Http http;
  String first;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir);
    http = new Http(vertx, server.port);
    first = server.service.healguard().policy().current().version();
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String policyVersionOfAReport(String unit) {
    return http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"" + unit + "\",\"status\":\"UP\"}")
        .json().getString("policyVersion");
  }

  private Http.Reply rollback(String token, String version) {
    return http.post("/api/v1/policy/rollback", token, "{\"version\":\"" + version + "\"}");
  }

  /** Activates the test tables with the standard tier's maxRestarts at {@code n}; answers the new version. */
  private String activateEdited(String n) throws Exception {
    PolicyTables.setCell(server.tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", n);
    return http.post("/api/v1/policy/reload", TestServer.ADMIN, null).json().getString("version");
  }

  @Test
  void shouldRollBackToTheFirstVersionDecideWithItAgainAndAuditWhoDidIt() throws Exception {
    String edited = activateEdited("5");
    String before = policyVersionOfAReport("rollback.service");

    Http.Reply r = rollback(TestServer.ADMIN, first);

    assertThat(before).isEqualTo(edited).isNotEqualTo(first);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("ROLLED_BACK");
    assertThat(r.json().getString("previousVersion")).isEqualTo(edited);
    assertThat(policyVersionOfAReport("rollback.service")).isEqualTo(first);
    JsonObject policy = http.get("/api/v1/policy", TestServer.VIEWER).json();
    assertThat(policy.getString("version")).isEqualTo(first);
    assertThat(policy.getJsonObject("pinned").getString("version")).isEqualTo(first);
    assertThat(policy.getJsonObject("pinned").getString("actor")).isEqualTo("root");
    JsonObject versions = http.get("/api/v1/policy/versions", TestServer.VIEWER).json();
    assertThat(versions.getString("active")).isEqualTo(first);
    assertThat(versions.getJsonArray("versions").stream().map(v -> ((JsonObject) v).getString("version")).toList())
        .contains(first, edited);
    JsonObject audit = http.get("/api/v1/audit?type=POLICY_ROLLED_BACK", TestServer.VIEWER).json()
        .getJsonArray("events").getJsonObject(0);
    assertThat(audit.getString("actor")).isEqualTo("root");
    assertThat(audit.getJsonObject("detail").getString("from")).isEqualTo(edited);
    assertThat(audit.getJsonObject("detail").getString("to")).isEqualTo(first);
  }

  @Test
  void shouldForbidRollbackToAnOperator() {
    Http.Reply r = rollback(TestServer.OPERATOR, first);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void shouldAnswer404ForAnUnknownVersion() {
    Http.Reply r = rollback(TestServer.ADMIN, "deadbeefdeadbeef");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("detail")).contains("deadbeefdeadbeef").contains(first.substring(0, 12));
  }

  @Test
  void shouldAnswer400WithoutAVersion() {
    Http.Reply r = http.post("/api/v1/policy/rollback", TestServer.ADMIN, "{}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains("version");
  }

  @Test
  void shouldAnswer422AndKeepThePolicyWhenTheArchivedTablesFailTheGate() throws Exception {
    String broken = activateEdited("7");
    String active = activateEdited("8");
    Path archived = server.service.healguard().policy().archive().find(broken).dir();
    PolicyTables.setCell(archived.resolve("thresholds.xlsx"), "DT-THRESHOLDS-001", "maxRestarts", "0");

    Http.Reply r = rollback(TestServer.ADMIN, broken);

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().getJsonArray("problems").encode()).contains("maxRestarts");
    assertThat(http.get("/api/v1/policy", TestServer.VIEWER).json().getString("version")).isEqualTo(active);
    assertThat(List.of(r.json().getString("activeVersion"))).containsExactly(active);
  }
}
