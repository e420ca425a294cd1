package io.healguard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.Tier;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.testing.PgTestDatabase;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} child processes on one PostgreSQL schema, as two replicas behind a load
 * balancer: distinct ports and data dirs, the same {@code store.url}, each with its own copy of
 * the tables. Real HTTP, real JVMs, a real database, and so real time: this is a soak test of the
 * failsafe phase ({@code *IT}). Its waits have deadlines; none of its assertions is a time bound.
 */
class ReplicaServiceIT {
  private static final String TOKEN = "replica-admin";
  private static final String CRASHY = "crashy.service";
  private static final Duration SYNC_INTERVAL = Duration.ofSeconds(2);
  private static final int SAFETY_PER_HOUR = 20;
  /** How long the two replicas are kept under load: several cooldowns, windows and cool-offs. */
  private static final Duration SOAK = Duration.ofSeconds(25);

  @TempDir Path dir;
  PgTestDatabase.Schema schema;
  Path config;
  Path tables;
  final List<ServeProcess> replicas = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void setUp() throws Exception {
    PgTestDatabase.assumeDatabase();
    schema = PgTestDatabase.newSchema("hg_replica_svc");
    // migrate once here, so the two replicas do not race to create the schema
    PostgresStateStore.open(schema.url()).close();
    tables = realTimeTables(dir.resolve("tables"));
    config = dir.resolve("healguard.yaml");
    Files.writeString(config, "auth:\n  tokens:\n    - {name: ci, role: admin, hash: \"" + ApiToken.hashText(TOKEN)
        + "\"}\nsafety:\n  max-restarts-per-hour: " + SAFETY_PER_HOUR + "\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ServeProcess r : replicas) r.close();
    if (schema != null) schema.close();
  }

  /**
   * The bundled tables with the standard tier on a real-time scale: 1 s cooldown, at most 3
   * restarts in 4 s, then the circuit opens for 8 s (longer than the window, so a half-open probe
   * never lands in the window of the restarts that opened the circuit).
   */
  static Path realTimeTables(Path dir) throws Exception {
    TestServer.fastTables(dir);
    Path t = dir.resolve("thresholds.xlsx");
    PolicyTables.setCell(t, "DT-THRESHOLDS-002", "window", "4s");
    PolicyTables.setCell(t, "DT-THRESHOLDS-002", "cooloff", "8s");
    PolicyTables.setCell(t, "DT-THRESHOLDS-002", "cooloffCap", "8s");
    return dir;
  }

  /** One replica: its own data dir and copy of the tables (byte for byte: the same version), the shared store. */
  private ServeProcess replica(String name) throws Exception {
    Path own = dir.resolve(name);
    Path ownTables = Files.createDirectories(own.resolve("tables"));
    try (var s = Files.list(tables)) {
      for (Path f : s.toList()) Files.copy(f, ownTables.resolve(f.getFileName()));
    }
    ServeProcess p = ServeProcess.start(config, TestServer.freePort(), Map.of(
        "data.dir", own.resolve("data").toString(),
        "policy.tables-dir", ownTables.toString(),
        "store.url", schema.url(),
        "policy.sync-interval", SYNC_INTERVAL.toSeconds() + "s"));
    replicas.add(p);
    return p;
  }

  private Path tablesOf(String name) {
    return dir.resolve(name).resolve("tables");
  }

  private record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Reply send(ServeProcess r, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN);
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(resp.statusCode(), resp.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " on replica :" + r.port + " failed: " + e, e);
    }
  }

  private Reply down(ServeProcess r, String unit) {
    return send(r, "POST", "/api/v1/reports", "{\"unit\":\"" + unit + "\",\"status\":\"DOWN\",\"source\":\"test\"}");
  }

  record Ack(int replica, String id, String action, String reason, Instant at) {}

  @Test
  void shouldNeverAuditMoreRestartsThanThePolicyAllowsUnderConcurrentReportsOnTwoReplicas() throws Exception {
    ServeProcess a = replica("a");
    ServeProcess b = replica("b");
    List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ServeProcess target = i % 2 == 0 ? a : b;
      int replica = i % 2;
      Thread t = new Thread(() -> {
        while (running.get()) {
          try {
            Reply r = down(target, CRASHY);
            if (r.status() != 200) {
              failures.incrementAndGet();
              continue;
            }
            JsonObject d = r.json();
            acks.add(new Ack(replica, d.getString("id"), d.getString("action"), d.getString("reason"),
                Instant.parse(d.getString("at"))));
          } catch (RuntimeException e) {
            failures.incrementAndGet();
          }
        }
      }, "reporter-" + i);
      clients.add(t);
    }

    clients.forEach(Thread::start);
    // the soak: two real processes under load for SOAK, while cooldowns, windows and cool-offs pass;
    // it ends early at the first failed request, which fails the test anyway
    Waits.until(SOAK, failures::get, n -> n > 0);
    running.set(false);
    for (Thread t : clients) t.join(120_000);

    List<AuditEvent> restarts = new ArrayList<>();
    try (PostgresStateStore store = PostgresStateStore.open(schema.url())) {
      store.scanAudit(new AuditRange(CRASHY, AuditType.RESTART, null, null), restarts::add);
    }
    Thresholds th = new PolicyCompiler(Clock.systemUTC()).compile(tables).thresholds(Tier.STANDARD);
    List<Instant> times = restarts.stream().map(AuditEvent::at).sorted().toList();
    List<Ack> ackedRestarts = acks.stream().filter(x -> "RESTART".equals(x.action())).toList();
    System.out.printf("two serve replicas, %d s: %d + %d decisions, %d restarts audited at %s%n",
        SOAK.toSeconds(), acks.stream().filter(x -> x.replica() == 0).count(),
        acks.stream().filter(x -> x.replica() == 1).count(), times.size(), times);
    assertThat(failures.get()).as("failed requests").isZero();
    assertThat(acks.stream().filter(x -> x.replica() == 0).count()).as("replica a decided").isGreaterThan(50);
    assertThat(acks.stream().filter(x -> x.replica() == 1).count()).as("replica b decided").isGreaterThan(50);
    assertThat(times).as("restarts audited").hasSizeGreaterThanOrEqualTo(th.maxRestarts() + 1);
    for (Instant r : times) {
      assertThat(countIn(times, r.minus(th.window()), r)).as("restarts in the %s window ending %s", th.window(), r)
          .isLessThanOrEqualTo(th.maxRestarts());
      assertThat(countIn(times, r.minus(Duration.ofHours(1)), r)).as("restarts in the hour ending %s", r)
          .isLessThanOrEqualTo(SAFETY_PER_HOUR);
    }
    assertThat(ackedRestarts.stream().map(Ack::id).collect(java.util.stream.Collectors.toSet()))
        .as("the RESTART decisions the clients received are the RESTART events audited")
        .isEqualTo(restarts.stream().map(AuditEvent::id).collect(java.util.stream.Collectors.toSet()));
    assertThat(ackedRestarts).hasSize(restarts.size());
  }

  @Test
  void shouldDecideWithAVersionReloadedOnAnotherReplica() throws Exception {
    ServeProcess a = replica("a");
    ServeProcess b = replica("b");
    String before = send(b, "GET", "/api/v1/policy", null).json().getString("version");
    PolicyTables.setCell(tablesOf("a").resolve("thresholds.xlsx"), "DT-THRESHOLDS-003", "maxRestarts", "1");

    Reply reload = send(a, "POST", "/api/v1/policy/reload", null);
    long reloadedAt = System.nanoTime();
    String reloaded = reload.json().getString("version");
    // b polls the store every sync interval of real time; compiling the tables on a busy machine adds more
    String seenOnB = Waits.until(Duration.ofMinutes(2),
        () -> down(b, "sync-probe.service").json().getString("policyVersion"), reloaded::equals);
    long seenAfterMs = (System.nanoTime() - reloadedAt) / 1_000_000;

    System.out.printf("version %s reloaded on a decided on b after %d ms (sync interval %s)%n",
        reloaded.substring(0, 12), seenAfterMs, SYNC_INTERVAL);
    assertThat(reload.status()).as(reload.body()).isEqualTo(200);
    assertThat(reloaded).isNotEqualTo(before);
    assertThat(reload.json().getJsonObject("shared").getString("sharedVersion")).isEqualTo(reloaded);
    assertThat(seenOnB).isEqualTo(reloaded);
    JsonObject policyB = send(b, "GET", "/api/v1/policy", null).json();
    assertThat(policyB.getJsonObject("shared").getBoolean("inSync")).isTrue();
    String adopted = send(b, "GET", "/api/v1/audit?type=POLICY_ACTIVATED&format=jsonl", null).body();
    assertThat(adopted).contains("\"actor\":\"sync:" + reloaded + "\"");
    assertThat(Files.readAllBytes(tablesOf("b").resolve("thresholds.xlsx")))
        .as("b's own files are untouched: the version came through the store")
        .isEqualTo(Files.readAllBytes(tables.resolve("thresholds.xlsx")));
  }

  @Test
  void shouldKeepTheOldVersionAndRaisePolicyRejectedWhenTheSharedVersionFailsTheGate() throws Exception {
    ServeProcess a = replica("a");
    String before = send(a, "GET", "/api/v1/policy", null).json().getString("version");
    String bogus = "ab".repeat(32);

    try (PostgresStateStore store = PostgresStateStore.open(schema.url())) {
      store.recordPolicyActivation(bogus, Instant.now(), "someone-else", zip("gates.csv", "not a decision table\n"));
    }
    // a polls the store every sync interval of real time
    JsonObject rejected = Waits.until(Duration.ofMinutes(1), () -> policyRejectedAlert(a), java.util.Objects::nonNull);

    assertThat(rejected).as("POLICY_REJECTED alert").isNotNull();
    assertThat(rejected.getJsonObject("recommendation").getString("code")).isEqualTo("FIX_SHARED_POLICY");
    assertThat(down(a, "after-reject.service").json().getString("policyVersion")).isEqualTo(before);
    assertThat(send(a, "GET", "/api/v1/policy", null).json().getJsonObject("shared").getString("rejectedSharedVersion"))
        .isEqualTo(bogus);
    assertThat(send(a, "GET", "/api/v1/policy/versions", null).body()).as("the rejected copy is not archived")
        .doesNotContain(bogus);
  }

  private JsonObject policyRejectedAlert(ServeProcess r) {
    for (Object o : send(r, "GET", "/api/v1/alerts", null).json().getJsonArray("alerts")) {
      if ("POLICY_REJECTED".equals(((JsonObject) o).getString("signal"))) return (JsonObject) o;
    }
    return null;
  }

  private static byte[] zip(String name, String content) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return buf.toByteArray();
  }

  private static long countIn(List<Instant> times, Instant exclusiveStart, Instant inclusiveEnd) {
    return times.stream().filter(x -> x.isAfter(exclusiveStart) && !x.isAfter(inclusiveEnd)).count();
  }
}
