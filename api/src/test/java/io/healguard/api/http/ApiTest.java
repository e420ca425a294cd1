package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.healguard.engine.testing.PolicyTables;
import io.healguard.engine.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API over real HTTP against one real service (real store, real tables, real executor
 * script). Each test uses its own unit names, so tests do not see each other's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
  Vertx vertx;
  TestServer server;
  Http http;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir);
    http = new Http(vertx, server.port);
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private Http.Reply report(String unit, String status) {
    return http.post("/api/v1/reports", TestServer.REPORTER, "{\"unit\":\"" + unit + "\",\"status\":\"" + status + "\"}");
  }

  @Test
  void shouldReportReadyWithPolicyVersionAndWritableStore() {
    Http.Reply r = http.get("/health", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("UP");
    assertThat(r.json().getJsonObject("policy").getString("version"))
        .isEqualTo(server.service.healguard().policy().current().version());
    assertThat(r.json().getJsonObject("store").getBoolean("writable")).isTrue();
  }

  @Test
  void shouldAnswerTheEngineDecisionForOneReport() {
    Http.Reply r = report("one.service", "UP");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().getString("unit")).isEqualTo("one.service");
    assertThat(r.json().getString("action")).isEqualTo("NONE");
    assertThat(r.json().getString("rule")).startsWith("DT-GATES-");
    assertThat(r.json().getString("circuit")).isEqualTo("CLOSED");
  }

  @Test
  void shouldAnswerDecisionsInOrderForAnArrayOfReports() {
    String body = "[{\"unit\":\"batch-a.service\",\"status\":\"DOWN\"},{\"unit\":\"batch-b.service\",\"status\":\"UP\"},"
        + "{\"unit\":\"batch-a.service\",\"status\":\"DOWN\",\"observedAt\":\"2001-01-01T00:00:00Z\",\"source\":\"probe\"}]";

    Http.Reply r = http.post("/api/v1/reports", TestServer.REPORTER, body);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.array().stream().map(o -> ((JsonObject) o).getString("unit")).toList())
        .containsExactly("batch-a.service", "batch-b.service", "batch-a.service");
    JsonObject view = http.get("/api/v1/units/batch-a.service", TestServer.VIEWER).json();
    assertThat(view.getJsonObject("state").getInteger("downCount")).isEqualTo(2);
    // observedAt is the reporter's clock: recorded, while the decision used the server's
    assertThat(view.getJsonObject("lastReport").getString("observedAt")).isEqualTo("2001-01-01T00:00:00Z");
    assertThat(view.getJsonObject("lastReport").getString("at")).doesNotStartWith("2001");
  }

  @Test
  void shouldOpenTheCircuitRaiseAnAlertAndRunRestartsOnACrashLoop() throws Exception {
    String unit = "crashloop.service";
    String circuit = "CLOSED";
    for (int i = 0; i < 100 && !"OPEN".equals(circuit); i++) {
      circuit = report(unit, "DOWN").json().getString("circuit");
      // 300 ms until the next DOWN: with a 1s cooldown the restarts run out and the churn limit opens the circuit
      server.clock.advance(Duration.ofMillis(300));
    }
    // the restarts run the executor's script in the background: a real process
    List<String> restarted = Waits.until(Duration.ofSeconds(30), () -> argvLines(), lines -> lines.contains(unit));

    Http.Reply alerts = http.get("/api/v1/alerts", TestServer.VIEWER);

    assertThat(circuit).isEqualTo("OPEN");
    assertThat(alerts.json().getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("unit").equals(unit)).map(a -> a.getString("signal")).toList())
        .contains("CIRCUIT_OPEN", "ESCALATED");
    assertThat(http.get("/api/v1/units?state=OPEN", TestServer.VIEWER).json().getJsonArray("units").stream()
        .map(o -> ((JsonObject) o).getString("unit")).toList()).contains(unit);
    assertThat(restarted).contains(unit);
    assertThat(http.get("/metrics", null).body()).contains("healguard_circuits_open 1.0");
  }

  @Test
  void shouldChallengeAMissingTokenWith401() {
    Http.Reply r = http.get("/api/v1/units", null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.headers().get("WWW-Authenticate")).startsWith("Bearer");
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void shouldRejectAnUnknownTokenWith401() {
    Http.Reply r = http.get("/api/v1/units", "not-a-token");

    assertThat(r.status()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
  @CsvSource({
    "POST, /api/v1/reports,                   viewer-secret,   200",
    "GET,  /api/v1/ping,                      reporter-secret, 200",
    "GET,  /api/v1/units,                     reporter-secret, 403",
    "GET,  /api/v1/units,                     viewer-secret,   200",
    "GET,  /api/v1/units/configured.service,  reporter-secret, 403",
    "GET,  /api/v1/overrides,                 reporter-secret, 403",
    "GET,  /api/v1/alerts,                    reporter-secret, 403",
    "GET,  /api/v1/audit,                     reporter-secret, 403",
    "GET,  /api/v1/policy,                    reporter-secret, 403",
    "POST, /api/v1/units/configured.service/overrides, viewer-secret,   403",
    "POST, /api/v1/units/configured.service/restart,   viewer-secret,   403",
    "POST, /api/v1/policy/reload,             operator-secret, 403",
    "GET,  /api/v1/ping,                      admin-secret,    200",
    "GET,  /api/v1/units,                     admin-secret,    200",
  })
  void shouldLetEachRoleDoWhatItAndLowerRolesMay(String method, String path, String token, int expected) {
    String body = method.equals("POST") ? (path.endsWith("reports") ? "{\"unit\":\"roles.service\",\"status\":\"UP\"}"
        : "{\"mode\":\"RELEASE\",\"reason\":\"role test\"}") : null;

    Http.Reply r = http.send(HttpMethod.valueOf(method), path, token, body, null);

    assertThat(r.status()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "malformed JSON      | /api/v1/reports | {\"unit\": | not valid JSON",
    "unknown status      | /api/v1/reports | {\"unit\":\"bad.service\",\"status\":\"SICK\"} | status must be one of UP, DEGRADED, DOWN, but was 'SICK'",
    "missing status      | /api/v1/reports | {\"unit\":\"bad.service\"} | status must be",
    "bad unit name       | /api/v1/reports | {\"unit\":\"rm -rf\",\"status\":\"UP\"} | unit must be",
    "unit without suffix | /api/v1/reports | {\"unit\":\"api\",\"status\":\"UP\"} | unit must be",
    "bad observedAt      | /api/v1/reports | {\"unit\":\"bad.service\",\"status\":\"UP\",\"observedAt\":\"yesterday\"} | observedAt must be",
    "unknown field       | /api/v1/reports | {\"unit\":\"bad.service\",\"status\":\"UP\",\"colour\":\"red\"} | field colour",
    "bad array element   | /api/v1/reports | [{\"unit\":\"bad.service\",\"status\":\"UP\"},{\"unit\":\"bad.service\",\"status\":\"X\"}] | [1].status must be",
    "empty array         | /api/v1/reports | [] | 1 to 500 reports",
    "unknown mode        | /api/v1/units/configured.service/overrides | {\"mode\":\"PAUSE\",\"reason\":\"x\"} | mode must be one of HOLD, RELEASE, FORCE_RESTART, RESET",
    "missing mode        | /api/v1/units/configured.service/overrides | {\"reason\":\"x\"} | mode must be",
    "missing reason      | /api/v1/units/configured.service/overrides | {\"mode\":\"HOLD\"} | reason must be",
    "ttl over 24h        | /api/v1/units/configured.service/overrides | {\"mode\":\"HOLD\",\"reason\":\"x\",\"ttl\":\"25h\"} | ttl must be between 1s and 24h",
    "unparsable ttl      | /api/v1/units/configured.service/overrides | {\"mode\":\"HOLD\",\"reason\":\"x\",\"ttl\":\"soon\"} | ttl must be",
    "ttl without hold    | /api/v1/units/configured.service/overrides | {\"mode\":\"RESET\",\"reason\":\"x\",\"ttl\":\"1h\"} | ttl must be given only with mode HOLD",
    "restart no reason   | /api/v1/units/configured.service/restart | {} | reason must be",
  })
  void shouldRejectBadInputWith400NamingTheFieldAndChangeNothing(String name, String path, String body, String detail) {
    String auditBefore = http.get("/api/v1/audit?limit=5", TestServer.ADMIN).body();

    Http.Reply r = http.post(path, TestServer.ADMIN, body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("type")).isNotBlank();
    assertThat(r.json().getString("title")).isEqualTo("Invalid input");
    assertThat(r.json().getInteger("status")).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains(detail);
    assertThat(http.get("/api/v1/units/bad.service", TestServer.VIEWER).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/audit?limit=5", TestServer.ADMIN).body()).isEqualTo(auditBefore);
  }

  @Test
  void shouldRejectABodyOver64KiBWith413() {
    String big = "{\"unit\":\"big.service\",\"status\":\"UP\",\"detail\":\"" + "x".repeat(70 * 1024) + "\"}";

    Http.Reply r = http.post("/api/v1/reports", TestServer.REPORTER, big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(http.get("/api/v1/units/big.service", TestServer.VIEWER).status()).isEqualTo(404);
  }

  @Test
  void shouldAnswer404ForAnUnknownUnitAnd400ForAnInvalidName() {
    Http.Reply unknown = http.get("/api/v1/units/never-seen.service", TestServer.VIEWER);
    Http.Reply invalid = http.get("/api/v1/units/not%20a%20unit", TestServer.VIEWER);
    Http.Reply override = http.post("/api/v1/units/never-seen.service/overrides", TestServer.OPERATOR,
        "{\"mode\":\"HOLD\",\"reason\":\"typo\"}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().getString("detail")).startsWith("unit must be");
    assertThat(override.status()).isEqualTo(404);
  }

  @Test
  void shouldHoldWithTheTokensNameAsActorAndEndTheHoldWhenItsTtlExpires() throws Exception {
    report("hold.service", "UP");
    Http.Reply hold = http.post("/api/v1/units/hold.service/overrides", TestServer.OPERATOR,
        "{\"mode\":\"HOLD\",\"reason\":\"deploying\",\"ttl\":\"1s\"}");
    assertThat(hold.status()).isEqualTo(200);
    assertThat(hold.json().getString("reason")).isEqualTo("HOLD_SET");
    assertThat(holdsOf("hold.service")).singleElement()
        .satisfies(h -> assertThat(h.getString("actor")).isEqualTo("alice"))
        .satisfies(h -> assertThat(h.getString("reason")).isEqualTo("deploying"));
    assertThat(alertSignals("hold.service")).contains("HOLD_ACTIVE");

    // the hold's 1s TTL passes
    server.clock.advance(Duration.ofMillis(1100));
    // the sweep timer fires every 200 ms of real time: wait (bounded) for it to audit the expiry
    JsonArray expired = Waits.until(Duration.ofSeconds(10), () -> http.get(
        "/api/v1/audit?unit=hold.service&type=HOLD_EXPIRED", TestServer.VIEWER).json().getJsonArray("events"),
        events -> !events.isEmpty());

    assertThat(expired).hasSize(1);
    assertThat(holdsOf("hold.service")).isEmpty();
    assertThat(alertSignals("hold.service")).doesNotContain("HOLD_ACTIVE");
  }

  @Test
  void shouldReleaseAHold() {
    report("release.service", "UP");
    http.post("/api/v1/units/release.service/overrides", TestServer.OPERATOR, "{\"mode\":\"HOLD\",\"reason\":\"fixing\"}");

    Http.Reply r = http.post("/api/v1/units/release.service/overrides", TestServer.OPERATOR,
        "{\"mode\":\"RELEASE\",\"reason\":\"fixed\"}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("reason")).isEqualTo("HOLD_RELEASED");
    assertThat(holdsOf("release.service")).isEmpty();
  }

  @Test
  void shouldRunAManualRestartThroughTheCommandExecutorAndAuditIt() throws Exception {
    report("manual.service", "UP");

    Http.Reply r = http.post("/api/v1/units/manual.service/restart", TestServer.OPERATOR, "{\"reason\":\"stuck on a lock\"}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("action")).isEqualTo("RESTART");
    assertThat(r.json().getString("reason")).isEqualTo("MANUAL_FORCE");
    assertThat(r.json().getJsonObject("execution").getInteger("exitCode")).isZero();
    String argv = Files.readString(server.argvLog);
    assertThat(argv).contains("manual.service\n--why=test\n");
    JsonObject view = http.get("/api/v1/units/manual.service", TestServer.VIEWER).json();
    assertThat(view.getJsonObject("lastExecution").getString("result")).isEqualTo("EXITED_0");
    assertThat(view.getJsonObject("lastExecution").getString("stderrTail")).contains("restarted manual.service");
    assertThat(view.getJsonObject("state").getInteger("restartsInWindow")).isEqualTo(1);
    JsonObject executed = http.get("/api/v1/audit?unit=manual.service&type=RESTART_EXECUTED", TestServer.VIEWER)
        .json().getJsonArray("events").getJsonObject(0);
    assertThat(executed.getString("actor")).isEqualTo("alice");
    assertThat(executed.getJsonObject("detail").getInteger("exitCode")).isZero();
  }

  @Test
  void shouldPageUnitsWithAnOpaqueCursor() {
    for (String u : List.of("page-a.service", "page-b.service", "page-c.service")) {
      report(u, "UP");
    }
    String first = http.get("/api/v1/units?limit=1&cursor=" + cursorBefore("page-a.service"), TestServer.VIEWER).body();
    JsonObject page1 = new JsonObject(first);

    JsonObject page2 = http.get("/api/v1/units?limit=2&cursor=" + page1.getString("nextCursor"), TestServer.VIEWER).json();

    assertThat(page1.getJsonArray("units").getJsonObject(0).getString("unit")).isEqualTo("page-a.service");
    assertThat(page2.getJsonArray("units").stream().map(o -> ((JsonObject) o).getString("unit")).toList())
        .containsExactly("page-b.service", "page-c.service");
  }

  private static String cursorBefore(String unit) {
    // the cursor is the last unit seen; "page-" sorts just before every page-x unit
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("page-".getBytes());
  }

  @Test
  void shouldServeTheAuditNewestFirstAsJsonOrJsonLines() {
    report("audit.service", "DOWN");
    http.post("/api/v1/units/audit.service/overrides", TestServer.OPERATOR, "{\"mode\":\"HOLD\",\"reason\":\"first\"}");
    http.post("/api/v1/units/audit.service/overrides", TestServer.OPERATOR, "{\"mode\":\"RELEASE\",\"reason\":\"second\"}");

    Http.Reply lines = http.send(HttpMethod.GET, "/api/v1/audit?unit=audit.service", TestServer.VIEWER, null, "application/x-ndjson");
    Http.Reply jsonl = http.get("/api/v1/audit?unit=audit.service&format=jsonl&limit=1", TestServer.VIEWER);

    assertThat(lines.contentType()).startsWith("application/x-ndjson");
    List<JsonObject> events = lines.body().lines().map(JsonObject::new).toList();
    assertThat(events).extracting(e -> e.getJsonObject("input").getString("reason")).containsExactly("second", "first");
    assertThat(jsonl.body().lines()).hasSize(1);
    assertThat(lines.body()).doesNotContain(TestServer.OPERATOR);
  }

  @Test
  void shouldDescribeThePolicyWithTablesRowsAndThresholds() {
    JsonObject p = http.get("/api/v1/policy", TestServer.VIEWER).json();

    assertThat(p.getString("version")).hasSize(64);
    assertThat(p.getJsonArray("tables").getJsonObject(0).getJsonArray("rows")).isNotEmpty();
    assertThat(p.getJsonObject("thresholds").getJsonObject("STANDARD").getString("baseCooldown")).isEqualTo("PT1S");
    assertThat(p.getString("loadedAt")).isNotBlank();
  }

  @Test
  void shouldActivateAnEditedPolicyAndRejectABrokenOneWith422() throws Exception {
    Path thresholds = server.tables.resolve("thresholds.xlsx");
    String before = server.service.healguard().policy().current().version();
    Http.Reply unchanged = http.post("/api/v1/policy/reload", TestServer.ADMIN, null);
    PolicyTables.setCell(thresholds, "DT-THRESHOLDS-001", "maxRestarts", "0");

    Http.Reply rejected = http.post("/api/v1/policy/reload", TestServer.ADMIN, null);
    List<String> alertsAfterReject = alertSignals("fleet");
    PolicyTables.setCell(thresholds, "DT-THRESHOLDS-001", "maxRestarts", "6");
    Http.Reply activated = http.post("/api/v1/policy/reload", TestServer.ADMIN, null);

    assertThat(unchanged.status()).isEqualTo(200);
    assertThat(unchanged.json().getString("status")).isEqualTo("UNCHANGED");
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.contentType()).startsWith("application/problem+json");
    assertThat(rejected.json().getJsonArray("problems").encode()).contains("maxRestarts");
    assertThat(alertsAfterReject).contains("POLICY_REJECTED");
    assertThat(activated.json().getString("status")).isEqualTo("ACTIVATED");
    assertThat(activated.json().getString("previousVersion")).isEqualTo(before);
    assertThat(alertSignals("fleet")).doesNotContain("POLICY_REJECTED");
    assertThat(http.get("/api/v1/policy", TestServer.VIEWER).json().getJsonObject("lastRejected")
        .getString("status")).isEqualTo("REJECTED");
    assertThat(http.get("/metrics", null).body()).contains("healguard_policy_info{short=\""
        + activated.json().getString("version").substring(0, 12));
  }

  @Test
  void shouldExposePrometheusMetricsForDecisionsAndRequests() {
    report("metrics.service", "UP");

    Http.Reply r = http.get("/metrics", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .contains("healguard_decisions_total{action=\"NONE\"")
        .contains("healguard_holds_active")
        .contains("healguard_circuits_open")
        .contains("healguard_policy_last_reload_success 1.0")
        .contains("healguard_policy_last_reload_timestamp_seconds")
        .contains("healguard_http_requests_seconds_count{method=\"POST\",route=\"/api/v1/reports\",status=\"200\"}");
  }

  @Test
  void shouldDocumentEveryRouteOfTheRouterInOpenApi() throws Exception {
    Http.Reply r = http.get("/openapi.yaml", null);
    Map<?, ?> doc = Json.YAML.readValue(r.body(), Map.class);
    Set<String> documented = new TreeSet<>();
    ((Map<?, ?>) doc.get("paths")).forEach((path, ops) -> ((Map<?, ?>) ops).keySet()
        .forEach(m -> documented.add(m.toString().toUpperCase() + " " + path)));

    Set<String> routed = server.service.api().router(vertx).getRoutes().stream()
        .filter(route -> route.getPath() != null && route.methods() != null)
        // HEAD mirrors every GET (the router adds it); openapi.yaml says so once instead of per path
        .flatMap(route -> route.methods().stream().filter(m -> m != HttpMethod.HEAD)
            .map(m -> m.name() + " " + route.getPath().replaceAll(":([^/]+)", "{$1}")
                // a prefix route (/ui/*) serves files below it: documented as {file}
                + (route.isExactPath() ? "" : "{file}")))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(doc.get("openapi")).isEqualTo("3.1.0");
    assertThat(documented).isEqualTo(routed);
  }

  @Test
  void shouldKeepAnsweringUnderAFloodOfBadRequests() throws Exception {
    WebClient raw = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.port));
    List<Future<?>> flood = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      var req = raw.post("/api/v1/reports").putHeader("Authorization", "Bearer " + (i % 3 == 0 ? "wrong" : TestServer.REPORTER));
      flood.add(req.sendBuffer(Buffer.buffer(i % 2 == 0 ? "{not json" : "{\"unit\":\"x\",\"status\":\"UP\"}")));
    }
    Future.join(flood).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);

    Http.Reply good = report("after-flood.service", "UP");

    assertThat(flood).allSatisfy(f -> assertThat(f.succeeded()).isTrue());
    assertThat(flood.stream().map(f -> ((io.vertx.ext.web.client.HttpResponse<?>) f.result()).statusCode()).distinct().toList())
        .containsOnly(400, 401);
    assertThat(good.status()).isEqualTo(200);
    assertThat(http.get("/health", null).status()).isEqualTo(200);
    raw.close();
  }

  private List<String> argvLines() {
    try {
      return Files.exists(server.argvLog) ? Files.readAllLines(server.argvLog) : List.of();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<JsonObject> holdsOf(String unit) {
    return http.get("/api/v1/overrides", TestServer.VIEWER).json().getJsonArray("overrides").stream()
        .map(JsonObject.class::cast).filter(o -> o.getString("unit").equals(unit)).toList();
  }

  private List<String> alertSignals(String unit) {
    return http.get("/api/v1/alerts", TestServer.VIEWER).json().getJsonArray("alerts").stream()
        .map(JsonObject.class::cast).filter(a -> a.getString("unit").equals(unit))
        .map(a -> a.getString("signal")).toList();
  }
}
