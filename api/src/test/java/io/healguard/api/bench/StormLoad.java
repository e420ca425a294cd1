package io.healguard.api.bench;

import io.healguard.api.config.ConfigBinder;
import io.healguard.api.config.ConfigKeys;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.service.HealguardService;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fleet storm against the same load without one: every report DOWN over {@value #UNITS} units,
 * 64 keep-alive connections (closed loop, as {@link ReportLoad}), the embedded store syncing FULL.
 * The baseline's tables are the bundled ones with the storm guard switched off (the storm row's
 * minUnits above the fleet's size, so no storm is ever seen and no decision takes the fleet lock);
 * the storm run's are the bundled ones as they are. Each variant gets a fresh service and data
 * directory, a warm-up (which also starts the storm episode), then the measured phase; the
 * variants alternate, in one run.
 *
 * <p>Run: {@code ./mvnw -B -ntp -o -q -pl api -am test-compile -DskipTests} then {@code java -cp
 * api/target/test-classes:api/target/classes:<test classpath> io.healguard.api.bench.StormLoad
 * [seconds] [connections] [rounds]} (docs/benchmarks-service.md has the exact command).
 */
public final class StormLoad {
  private static final int UNITS = 1000;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    System.out.printf("healguard storm load: all DOWN over %d units, %d connections, %d s per phase, %d rounds, %d cores%n",
        UNITS, connections, seconds, rounds, Runtime.getRuntime().availableProcessors());
    List<String> summary = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      ReportLoad.Result off = runVariant(false, seconds, connections);
      ReportLoad.Result on = runVariant(true, seconds, connections);
      summary.add(String.format("round %d: storm guard off %7.0f req/s p99 %6.2f ms | storm %7.0f req/s p99 %6.2f ms | ratio %.2f",
          r, off.rps(), off.pct(99) / 1000.0, on.rps(), on.pct(99) / 1000.0, on.rps() / off.rps()));
    }
    System.out.println();
    summary.forEach(System.out::println);
  }

  private static ReportLoad.Result runVariant(boolean storm, int seconds, int connections) throws Exception {
    Path dir = Files.createTempDirectory("healguard-storm");
    Path tables = PolicyTables.copyBundled(dir.resolve("tables"));
    if (!storm) {
      // the storm guard off in the tables: more DOWN units needed than the fleet has
      PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-STORM-001", "minUnits", "10000");
    }
    int port = TestServer.freePort();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(ConfigKeys.HTTP_PORT.name(), port);
    settings.put(ConfigKeys.DATA_DIR.name(), dir.resolve("data").toString());
    settings.put(ConfigKeys.POLICY_TABLES_DIR.name(), tables.toString());
    settings.put(ConfigKeys.POLICY_WATCH_INTERVAL.name(), "0");
    settings.put(ConfigKeys.AUTH_TOKENS.name(), List.of(TestServer.token("load", "admin", TestServer.ADMIN)));
    settings.put(ConfigKeys.STORE_URL.name(), "");
    ServiceConfig cfg = ConfigBinder.bind(settings);
    Vertx vertx = Vertx.vertx();
    HealguardService service = HealguardService.start(vertx, cfg).toCompletionStage().toCompletableFuture()
        .get(3, TimeUnit.MINUTES);
    LoadClients client = new LoadClients(vertx, port, connections);
    ReportLoad.run(client, connections, 5, StormLoad::down, null); // warm-up: JIT, store, and the episode
    ReportLoad.Result r = ReportLoad.run(client, connections, seconds, StormLoad::down, null);
    ReportLoad.print(storm ? "storm (bundled tables)" : "storm guard off", r);
    System.out.printf("  storm episode active at the end: %s%n", service.healguard().store().fleet().stormEpisodeActive());
    client.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    service.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    vertx.close();
    return r;
  }

  private static String down() {
    return "{\"unit\":\"u" + ThreadLocalRandom.current().nextInt(UNITS) + ".service\",\"status\":\"DOWN\",\"source\":\"load\"}";
  }
}
