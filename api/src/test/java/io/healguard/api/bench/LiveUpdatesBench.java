package io.healguard.api.bench;

import io.healguard.api.alerts.Alerts;
import io.healguard.api.config.ConfigBinder;
import io.healguard.api.config.ConfigKeys;
import io.healguard.api.console.ChangeFeed;
import io.healguard.api.service.HealguardService;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What live updates cost the service: one in-process service with {@code units} units, and per
 * phase {@code pages} pages in other processes following the fleet in one of three ways, the
 * service's CPU time (this JVM's process CPU: the pages, wrk and curl, are not in it) and the bytes
 * the pages received (their processes' {@code rchar} in /proc) measured over the same window:
 *
 * <ul>
 *   <li>{@code none}: no page, the baseline;
 *   <li>{@code poll}: the console as it is, {@code GET /api/v1/changes?cursor=} every 500 ms
 *       ({@code console-pages.lua});
 *   <li>{@code sse}: the same change feed pushed as server-sent events every 500 ms, an event only
 *       when something changed ({@link SseFeedServer}, on a second port of the same Vert.x);
 *   <li>{@code full}: the naive page, {@code GET /api/v1/units?limit=1000} every second
 *       ({@code full-fetch.lua}).
 * </ul>
 *
 * Two fleets: {@code quiet} (no report after the first of each unit) and {@code busy} (a wrk
 * process posting about 100 reports/s, 90% UP, 7% DOWN, 3% DEGRADED, over the same units). Run it
 * from the repository root (see docs/benchmarks-console.md); arguments: seconds per phase (20),
 * pages (10), units (1000), rounds (1), after an unreported warm-up round of 5 s phases.
 */
public final class LiveUpdatesBench {
  private static final Duration WARM = Duration.ofSeconds(5);
  private static final Duration LOAD_WARM = Duration.ofSeconds(10);
  private static final Duration PUSH_EVERY = Duration.ofMillis(500);

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int pages = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int units = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Path bench = Fixtures.repoRoot().resolve("api/src/test/resources/bench");
    for (String tool : List.of("/usr/bin/wrk", "/usr/bin/curl")) {
      if (!Files.isExecutable(Path.of(tool))) throw new IllegalStateException(tool + " is missing (apt-get install wrk curl)");
    }

    Path dir = Files.createTempDirectory("healguard-live");
    int port = TestServer.freePort();
    int ssePort = TestServer.freePort();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(ConfigKeys.HTTP_PORT.name(), port);
    settings.put(ConfigKeys.DATA_DIR.name(), dir.resolve("data").toString());
    settings.put(ConfigKeys.POLICY_TABLES_DIR.name(), PolicyTables.copyBundled(dir.resolve("tables")).toString());
    settings.put(ConfigKeys.POLICY_WATCH_INTERVAL.name(), "0");
    settings.put(ConfigKeys.AUTH_TOKENS.name(), List.of(TestServer.token("bench", "admin", TestServer.ADMIN)));
    Vertx vertx = Vertx.vertx();
    HealguardService service = HealguardService.start(vertx, ConfigBinder.bind(settings))
        .toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
    var hg = service.healguard();
    // the same feed as the poll endpoint's (ConsoleResource): the fleet's views, its alerts, the policy
    Alerts alerts = new Alerts(hg.engine(), hg.store(), hg.policy());
    ChangeFeed feed = new ChangeFeed(() -> hg.engine().views(), alerts::active, () -> policy(hg.policy().current()),
        service.clock(), System::nanoTime, Duration.ofMillis(200).toNanos());
    SseFeedServer sse = new SseFeedServer(vertx, feed, service.clock(), TestServer.ADMIN);
    sse.listen(ssePort, PUSH_EVERY).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    seed(vertx, port, units);

    String url = "http://127.0.0.1:" + port;
    System.out.printf("healguard live updates: %d units, %d pages, %d s per phase after %d s warm-up, %d cores%n",
        units, pages, seconds, WARM.toSeconds(), Runtime.getRuntime().availableProcessors());
    List<String> lines = new ArrayList<>();
    // round 0 warms up every path (the poll, the stream, the full list, the reports) and is not reported
    for (int r = 0; r <= rounds; r++) {
      int window = r == 0 ? 5 : seconds;
      for (String fleet : List.of("quiet", "busy")) {
        Process load = fleet.equals("busy")
            ? start(bench, List.of("wrk", "-t1", "-c1", "-d3600s", "-s", bench.resolve("live-reports.lua").toString(), url),
                Map.of("BENCH_UNITS", String.valueOf(units), "BENCH_DELAY_MS", "10"))
            : null;
        if (load != null) Thread.sleep(LOAD_WARM.toMillis()); // the report path's JIT before the baseline
        // the baseline before and after the pages, so a drift of the fleet's own cost over the block
        // (the store growing, the JIT) is not counted to the pages
        List<Phase> phases = new ArrayList<>();
        for (String variant : List.of("none", "poll", "sse", "full", "none")) {
          phases.add(measure(variant, bench, url, "http://127.0.0.1:" + ssePort, pages, dir, window));
        }
        double none = (phases.get(0).cpuMsPerS() + phases.get(4).cpuMsPerS()) / 2;
        for (Phase ph : phases.subList(1, 4)) {
          String line = String.format("round %d %-5s %-4s service CPU %7.1f ms/s (%+7.1f over none: %5.1f, %5.1f)  pages received %10.0f B/s",
              r, fleet, ph.variant(), ph.cpuMsPerS(), ph.cpuMsPerS() - none, phases.get(0).cpuMsPerS(),
              phases.get(4).cpuMsPerS(), ph.bytesPerS());
          System.out.println(line);
          if (r > 0) lines.add(line);
        }
        if (load != null) stop(List.of(load));
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
    sse.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    service.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    vertx.close();
  }

  private record Phase(String variant, double cpuMsPerS, double bytesPerS) {}

  private static Phase measure(String variant, Path bench, String url, String sseUrl, int pages, Path dir, int seconds)
      throws Exception {
    Pages clients = clients(variant, bench, url, sseUrl, pages, dir);
    Thread.sleep(WARM.toMillis()); // a benchmark: the pages' first full answers and the JIT before the window
    long cpu0 = processCpuNanos();
    long bytes0 = clients.received();
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L); // the measured window
    long cpu1 = processCpuNanos();
    long bytes1 = clients.received();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    stop(clients.processes());
    return new Phase(variant, (cpu1 - cpu0) / 1e6 / elapsed, (bytes1 - bytes0) / elapsed);
  }

  private static Map<String, Object> policy(PolicySnapshot p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", p.version());
    m.put("shortVersion", p.shortVersion());
    m.put("loadedAt", p.loadedAt());
    return m;
  }

  /**
   * The pages of one phase and what they received so far: wrk's reads from its sockets (rchar:
   * headers and bodies) and, for curl (whose recv() rchar does not count), the stream bodies it
   * wrote to its files.
   */
  private record Pages(List<Process> processes, List<Process> readers, List<Path> files) {
    long received() throws IOException {
      long sum = rchar(readers);
      for (Path f : files) sum += Files.exists(f) ? Files.size(f) : 0;
      return sum;
    }
  }

  private static Pages clients(String variant, Path bench, String url, String sseUrl, int pages, Path dir)
      throws IOException {
    Map<String, String> env = Map.of();
    switch (variant) {
      case "none" -> {
        return new Pages(List.of(), List.of(), List.of());
      }
      case "poll", "full" -> {
        String script = variant.equals("poll") ? "console-pages.lua" : "full-fetch.lua";
        Process wrk = start(bench, List.of("wrk", "-t" + pages, "-c" + pages, "-d3600s", "--timeout", "10s",
            "-s", bench.resolve(script).toString(), url), env);
        return new Pages(List.of(wrk), List.of(wrk), List.of());
      }
      case "sse" -> {
        List<Process> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
          Path f = dir.resolve("page-" + System.nanoTime() + ".sse");
          files.add(f);
          out.add(start(bench, List.of("curl", "-sSN", "-o", f.toString(), "-H", "Authorization: Bearer " + TestServer.ADMIN,
              sseUrl + "/api/v1/changes/stream"), env));
        }
        return new Pages(out, List.of(), files);
      }
      default -> throw new IllegalArgumentException(variant);
    }
  }

  private static Process start(Path bench, List<String> argv, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(bench.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("HEALGUARD_TOKEN", TestServer.ADMIN);
    pb.environment().putAll(env);
    return pb.start();
  }

  private static void stop(List<Process> ps) throws InterruptedException {
    for (Process p : ps) p.destroy();
    for (Process p : ps) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    }
  }

  /** Bytes the processes read (sockets included): what the pages received. */
  private static long rchar(List<Process> ps) throws IOException {
    long sum = 0;
    for (Process p : ps) {
      for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/io"))) {
        if (line.startsWith("rchar:")) sum += Long.parseLong(line.substring(6).trim());
      }
    }
    return sum;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** One UP report per unit, so the fleet has {@code units} units before the first page opens. */
  private static void seed(Vertx vertx, int port, int units) throws Exception {
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(16));
    List<Future<Integer>> sent = new ArrayList<>();
    for (int i = 1; i <= units; i++) {
      String body = "{\"unit\":\"svc-" + i + ".service\",\"status\":\"UP\",\"source\":\"seed\"}";
      RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/reports")
          .putHeader("Authorization", "Bearer " + TestServer.ADMIN).putHeader("Content-Type", "application/json");
      sent.add(client.request(o).compose(req -> req.send(Buffer.buffer(body))).compose(resp -> resp.body().map(b -> resp.statusCode())));
    }
    for (Future<Integer> f : sent) {
      int status = f.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      if (status != 200) throw new IllegalStateException("seeding a unit answered " + status);
    }
    client.close();
  }
}
