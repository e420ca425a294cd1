package io.healguard.api.bench;

import io.healguard.api.config.ConfigBinder;
import io.healguard.api.config.ConfigKeys;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.service.HealguardService;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.store.PostgresStoreConfig;
import io.healguard.engine.testing.PgTestDatabase;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of {@code POST /api/v1/reports} against the same server's do-nothing {@code GET
 * /api/v1/ping} (same auth, same router), in one run: 64 keep-alive connections over loopback,
 * each with one request in flight (closed loop), a fixed duration per phase. The store syncs FULL,
 * so every answered report is durable. A third phase reloads a changed policy every 2 s under
 * report load and counts non-2xx answers.
 *
 * <p>Run: {@code mvn -q -o -pl api -am -Pbench test-compile} (see docs/benchmarks-service.md and
 * docs/benchmarks-store.md). Arguments: seconds per phase (default 20), connections (default 64),
 * stores (default {@code embedded}; comma-separated, each {@code embedded} or a PostgreSQL server
 * URL, run one after the other in a fresh schema each; {@code 2x<url>}: two replicas on one schema,
 * half the connections to each, policy reloads through the first).
 */
public final class ReportLoad {
  private static final int UNITS = 2000;
  /** A store argument {@code Nx<url>}: N replicas on one schema. */
  private static final Pattern REPLICAS = Pattern.compile("(\\d+)x(.+)");

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    // comma-separated: "embedded" (SQLite under a temp data dir) and/or PostgreSQL server URLs,
    // each run in a fresh schema of its own; all in this one run, one after the other
    String stores = args.length > 2 && !args[2].isBlank() ? args[2] : "embedded";
    System.out.printf("healguard load: %d connections, %d s per phase, %d units, %d cores, stores %s%n",
        connections, seconds, UNITS, Runtime.getRuntime().availableProcessors(), PostgresStoreConfig.redact(stores));
    List<String> summary = new ArrayList<>();
    for (String store : stores.split(",")) {
      summary.add(runStore(store.trim(), seconds, connections));
    }
    System.out.println();
    summary.forEach(System.out::println);
  }

  private static String runStore(String spec, int seconds, int connections) throws Exception {
    // "2x<url>": that many replicas on one schema, the connections split between them
    int replicas = 1;
    String store = spec;
    Matcher m = REPLICAS.matcher(spec);
    if (m.matches()) {
      replicas = Integer.parseInt(m.group(1));
      store = m.group(2);
    }
    Path dir = Files.createTempDirectory("healguard-load");
    Path tables = PolicyTables.copyBundled(dir.resolve("tables"));
    PgTestDatabase.Schema schema = null;
    String storeUrl = null;
    if (!store.equals("embedded")) {
      schema = new PgTestDatabase.Schema("hg_bench_" + Long.toHexString(System.nanoTime()), store);
      schema.execute("CREATE SCHEMA " + schema.name());
      storeUrl = schema.url();
    } else if (replicas > 1) {
      throw new IllegalArgumentException("replicas need a shared store: " + spec);
    }
    Vertx vertx = Vertx.vertx();
    List<HealguardService> services = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      int port = TestServer.freePort();
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put(ConfigKeys.HTTP_PORT.name(), port);
      settings.put(ConfigKeys.DATA_DIR.name(), dir.resolve("data" + i).toString());
      settings.put(ConfigKeys.POLICY_TABLES_DIR.name(), tables.toString());
      settings.put(ConfigKeys.POLICY_WATCH_INTERVAL.name(), "0");
      settings.put(ConfigKeys.AUTH_TOKENS.name(), List.of(TestServer.token("load", "admin", TestServer.ADMIN)));
      settings.put(ConfigKeys.STORE_URL.name(), storeUrl == null ? "" : storeUrl);
      ServiceConfig cfg = ConfigBinder.bind(settings);
      services.add(HealguardService.start(vertx, cfg).toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES));
      ports.add(port);
    }
    HealguardService service = services.get(0);
    LoadClients client = new LoadClients(vertx, ports, connections);
    String name = service.healguard().store().describe() + (replicas > 1 ? " x" + replicas + " replicas" : "");
    System.out.printf("%nstore %s%n", name);
    run(client, connections, 5, false, null); // warm-up: JIT, connections, store
    run(client, connections, 5, true, null);
    Result ping = run(client, connections, seconds, false, null);
    print("GET /api/v1/ping", ping);
    Result reports = run(client, connections, seconds, true, null);
    print("POST /api/v1/reports", reports);
    Path thresholds = tables.resolve("thresholds.xlsx");
    AtomicLong reloads = new AtomicLong();
    Result underReload = run(client, connections, seconds, true, () -> {
      // a real change each time, so every reload compiles and activates a new version
      try {
        PolicyTables.setCell(thresholds, "DT-THRESHOLDS-003", "maxRestarts", reloads.get() % 2 == 0 ? "3" : "2");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      var outcome = service.healguard().policy().reload("load-test");
      if (outcome.status().name().equals("ACTIVATED")) reloads.incrementAndGet();
    });
    print("POST /api/v1/reports + reloads", underReload);
    System.out.printf("policy reloads activated during the run: %d%n", reloads.get());
    System.out.printf("report/ping throughput ratio: %.2f%n", reports.rps() / ping.rps());
    System.out.printf("latest audit events readable after the run: %d (each answered decision was durable)%n",
        service.healguard().store().audit(io.healguard.engine.audit.AuditQuery.latest(1000)).size());
    client.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    for (HealguardService s : services) {
      s.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
    vertx.close();
    if (schema != null) schema.close();
    return String.format("%-60s reports %7.0f req/s  p50 %6.2f ms  p99 %7.2f ms  (ping %7.0f req/s)",
        name, reports.rps(), reports.pct(50) / 1000.0, reports.pct(99) / 1000.0, ping.rps());
  }

  record Result(long ok, long failed, double rps, long[] sortedMicros) {
    long pct(double p) {
      if (sortedMicros.length == 0) return 0;
      return sortedMicros[(int) Math.min(sortedMicros.length - 1, Math.ceil(p / 100.0 * sortedMicros.length) - 1)];
    }
  }

  static void print(String name, Result r) {
    System.out.printf("%-32s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  ok %d  non-2xx/errors %d%n",
        name, r.rps(), r.pct(50) / 1000.0, r.pct(99) / 1000.0, r.pct(99.9) / 1000.0,
        r.sortedMicros().length == 0 ? 0 : r.sortedMicros()[r.sortedMicros().length - 1] / 1000.0, r.ok(), r.failed());
  }

  private static Result run(LoadClients client, int connections, int seconds, boolean reports, Runnable reload)
      throws Exception {
    return run(client, connections, seconds, reports ? ReportLoad::body : null, reload);
  }

  /** {@code body}: each report's JSON, or null for {@code GET /api/v1/ping}. */
  static Result run(LoadClients clients, int connections, int seconds, Supplier<String> body, Runnable reload)
      throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Recorder rec = new Recorder();
    CompletableFuture<?>[] loops = new CompletableFuture<?>[connections];
    long t0 = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      CompletableFuture<?> loop = new CompletableFuture<>();
      HttpClientAgent client = clients.client(i);
      loops[i] = loop;
      clients.context(i).runOnContext(v -> next(client, body, running, ok, failed, rec, loop));
    }
    Thread reloader = null;
    if (reload != null) {
      reloader = new Thread(() -> {
        while (running.get()) {
          try {
            Thread.sleep(2000); // a benchmark, not a test: a policy reload every 2 s of the measured run
          } catch (InterruptedException e) {
            return;
          }
          if (running.get()) reload.run();
        }
      });
      reloader.start();
    }
    Thread.sleep(seconds * 1000L); // the measured run: real load on a real server for the given seconds
    running.set(false);
    CompletableFuture.allOf(loops).get(1, TimeUnit.MINUTES);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    if (reloader != null) reloader.join();
    return new Result(ok.get(), failed.get(), ok.get() / elapsed, rec.sorted());
  }

  private static void next(HttpClientAgent client, Supplier<String> body, AtomicBoolean running, AtomicLong ok,
      AtomicLong failed, Recorder rec, CompletableFuture<?> done) {
    boolean reports = body != null;
    if (!running.get()) {
      done.complete(null);
      return;
    }
    long start = System.nanoTime();
    RequestOptions o = new RequestOptions().setMethod(reports ? HttpMethod.POST : HttpMethod.GET)
        .setURI(reports ? "/api/v1/reports" : "/api/v1/ping")
        .putHeader("Authorization", "Bearer " + TestServer.ADMIN).putHeader("Content-Type", "application/json");
    client.request(o)
        .compose(req -> reports ? req.send(Buffer.buffer(body.get())) : req.send())
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(ar -> {
          rec.record((System.nanoTime() - start) / 1000);
          if (ar.succeeded() && ar.result() / 100 == 2) ok.incrementAndGet();
          else failed.incrementAndGet();
          next(client, body, running, ok, failed, rec, done);
        });
  }

  /** Mostly UP for many units, some DOWN, a few DEGRADED. */
  private static String body() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    int roll = r.nextInt(100);
    String status = roll < 90 ? "UP" : roll < 97 ? "DOWN" : "DEGRADED";
    return "{\"unit\":\"u" + r.nextInt(UNITS) + ".service\",\"status\":\"" + status + "\",\"source\":\"load\"}";
  }

  private static final class Recorder {
    private long[] v = new long[1 << 16];
    private int n;

    synchronized void record(long micros) {
      if (n == v.length) v = Arrays.copyOf(v, n * 2);
      v[n++] = micros;
    }

    synchronized long[] sorted() {
      long[] s = Arrays.copyOf(v, n);
      Arrays.sort(s);
      return s;
    }
  }
}
