package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.testing.RawHttp;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.json.Json;
import io.healguard.engine.testing.Fixtures;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded flood of invalid requests over every route against a real {@code serve} child with the
 * jar's own logging: every answer is a 4xx problem+json (or, for broken framing, a closed
 * connection), the log has no ERROR and no stack trace, {@code /metrics} stays bounded, and units,
 * holds, alerts, audit and policy are exactly as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileTrafficTest {
  private static final long SEED = 17;
  private static final int REQUESTS = 10_500;
  private static final String TOKENS = "hostile-";
  private static final Pattern SERIES = Pattern.compile("^healguard_http_requests_seconds_count\\{([^}]*)}", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  Path dir;
  ServeProcess serve;
  final Map<String, String> before = new LinkedHashMap<>();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    StringBuilder tokens = new StringBuilder();
    for (String role : List.of("reporter", "viewer", "operator", "admin")) {
      tokens.append("    - {name: ").append(role).append(", role: ").append(role).append(", hash: \"")
          .append(ApiToken.hashText(TOKENS + role)).append("\"}\n");
    }
    Path config = dir.resolve("healguard.yaml");
    Files.writeString(config, "data:\n  dir: data\npolicy:\n  tables-dir: " + Fixtures.bundledTables()
        + "\n  watch-interval: 0\nhttp:\n  header-timeout: 2s\n  body-timeout: 2s\nunits:\n  - name: " + HostileRequests.KNOWN + "\nauth:\n  tokens:\n" + tokens);
    serve = ServeProcess.launch(config, TestServer.freePort()).in(dir).productionLogging().start();
    // state for the flood to leave alone: a report, a hold, an alert-worthy DOWN
    assertThat(send(post("/api/v1/reports", "reporter", "{\"unit\":\"" + HostileRequests.KNOWN + "\",\"status\":\"UP\"}")).status()).isEqualTo(200);
    assertThat(send(post("/api/v1/reports", "reporter", "{\"unit\":\"down.service\",\"status\":\"DOWN\"}")).status()).isEqualTo(200);
    assertThat(send(post("/api/v1/units/" + HostileRequests.KNOWN + "/overrides", "operator",
        "{\"mode\":\"HOLD\",\"reason\":\"maintenance\",\"ttl\":\"24h\"}")).status()).isEqualTo(200);
    before.putAll(snapshot());
  }

  @AfterAll
  void stop() {
    if (serve != null) serve.close();
  }

  private Map<String, String> snapshot() throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : List.of("/api/v1/units", "/api/v1/overrides", "/api/v1/alerts", "/api/v1/audit?limit=1000",
        "/api/v1/policy", "/api/v1/policy/versions")) {
      RawHttp.Response r = send(get(p, "admin"));
      assertThat(r.status()).as(p).isEqualTo(200);
      // "next restart allowed" is now when no cooldown runs: derived from the clock, not stored
      m.put(p, r.body().replaceAll("\"nextRestartAllowedAt\":\"[^\"]*\",", ""));
    }
    return m;
  }

  @Test
  void shouldAttackEveryRouteTheServiceDocuments() throws Exception {
    // a route added to the API without a line in HostileRequests.ROUTES would go unattacked
    Map<?, ?> doc = Json.YAML.readValue(send(get("/openapi.yaml", null)).body(), Map.class);
    Set<String> documented = new TreeSet<>();
    ((Map<?, ?>) doc.get("paths")).forEach((path, ops) -> ((Map<?, ?>) ops).forEach((m, op) -> {
      // the console's pages are static files, attacked by the unknown-path and framing classes
      if (!path.equals("/") && !path.equals("/ui") && !path.toString().startsWith("/ui/")) {
        Object role = ((Map<?, ?>) op).get("x-role");
        documented.add(m.toString().toUpperCase() + " " + path + " " + role);
      }
    }));
    Set<String> attacked = new TreeSet<>();
    HostileRequests.ROUTES.forEach(r -> attacked.add(r.method() + " " + r.path() + " " + r.role()));

    assertThat(attacked).isEqualTo(documented);
  }

  record Outcome(HostileRequests.Hostile request, RawHttp.Response response) {}

  @Test
  void shouldRefuseEveryHostileRequestWithA4xxProblemAndChangeNothing() throws Exception {
    List<Outcome> outcomes = flood();

    Map<String, List<String>> wrong = new TreeMap<>();
    Map<String, Integer> byKind = new TreeMap<>();
    Set<String> routes = new TreeSet<>();
    for (Outcome o : outcomes) {
      HostileRequests.Hostile h = o.request();
      RawHttp.Response r = o.response();
      byKind.merge(h.kind(), 1, Integer::sum);
      routes.add(h.route());
      String problem = problemOf(h, r);
      if (problem != null) {
        List<String> seen = wrong.computeIfAbsent(h.kind() + ": " + problem, k -> new ArrayList<>());
        if (seen.size() < 2) seen.add(new String(h.bytes(), 0, Math.min(h.bytes().length, 160), StandardCharsets.ISO_8859_1));
      }
    }
    String metrics = send(get("/metrics", null)).body();

    assertThat(outcomes).hasSize(REQUESTS);
    assertThat(routes).as("every route was attacked").hasSize(HostileRequests.ROUTES.size());
    assertThat(byKind.keySet()).as("every class of attack was sent").containsExactlyInAnyOrder("bad-body", "bad-path",
        "bad-query", "bad-token", "chunked", "framing", "long-headers", "long-url", "no-token", "truncated",
        "unknown-path", "weak-role", "wrong-method");
    assertThat(wrong).as("requests answered other than a 4xx problem").isEmpty();
    assertThat(serve.linesWith(" ERROR ")).as("ERROR lines in the log").isEmpty();
    assertThat(serve.lines().stream().filter(l -> l.startsWith("\tat ") || l.contains("Exception:")).toList())
        .as("stack traces in the log").isEmpty();
    assertThat(requestSeries(metrics)).as("request series in /metrics").hasSizeLessThanOrEqualTo(120)
        .allSatisfy(labels -> assertThat(labels.get("method")).isIn("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER"));
    assertThat(metrics).contains("healguard_http_rejections_total{kind=\"unauthorized\"}")
        .doesNotContain("status=\"500\"");
    assertThat(snapshot()).as("units, holds, alerts, audit and policy").isEqualTo(before);
  }

  /** Why {@code r} is the wrong answer to {@code h}, or null when it is right. */
  private static String problemOf(HostileRequests.Hostile h, RawHttp.Response r) {
    if (r.status() == -1) {
      return h.mayClose() ? null : "closed without an answer";
    }
    if (r.status() < 400 || r.status() >= 500) {
      return "answered " + r.status();
    }
    if (!r.contentType().startsWith("application/problem+json")) {
      return r.status() + " as " + r.contentType();
    }
    if (r.body().isEmpty() && (h.mayClose() || new String(h.bytes(), 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD "))) {
      return null; // cut short by the close, or a HEAD (no body by definition)
    }
    try {
      JsonObject p = new JsonObject(r.body());
      if (p.getInteger("status") != r.status() || p.getString("detail") == null || p.getString("detail").isBlank()) {
        return r.status() + " with a problem that does not say what was wrong";
      }
    } catch (RuntimeException e) {
      return h.mayClose() ? null : r.status() + " with a body that is not JSON";
    }
    if (r.status() == 405 && r.header("allow") == null) {
      return "405 without Allow";
    }
    return null;
  }

  private List<Outcome> flood() throws Exception {
    List<HostileRequests.Hostile> requests = new ArrayList<>(REQUESTS);
    HostileRequests gen = new HostileRequests(SEED, TOKENS);
    for (int i = 0; i < REQUESTS; i++) requests.add(gen.next());
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        clients.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
            HostileRequests.Hostile h = requests.get(i);
            outcomes.add(new Outcome(h, RawHttp.exchange(serve.port, h.bytes(), 30_000, h.halfClose())));
          }
          return null;
        }));
      }
      for (Future<?> f : clients) f.get();
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  private static List<Map<String, String>> requestSeries(String metrics) {
    List<Map<String, String>> out = new ArrayList<>();
    Matcher m = SERIES.matcher(metrics);
    while (m.find()) {
      Map<String, String> labels = new ConcurrentHashMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) labels.put(l.group(1), l.group(2));
      out.add(labels);
    }
    return out;
  }

  private RawHttp.Response send(String request) throws Exception {
    return RawHttp.exchange(serve.port, request.getBytes(StandardCharsets.UTF_8), 30_000, false);
  }

  private static String get(String path, String role) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (role == null ? "" : "Authorization: Bearer " + TOKENS + role + "\r\n")
        + "Connection: close\r\n\r\n";
  }

  private static String post(String path, String role, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKENS + role
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n" + body;
  }
}
