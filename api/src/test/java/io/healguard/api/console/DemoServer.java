package io.healguard.api.console;

import io.healguard.api.config.ConfigBinder;
import io.healguard.api.config.ConfigKeys;
import io.healguard.api.service.HealguardService;
import io.healguard.api.testing.TestClock;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.testing.Fixtures;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The README's demo configuration ({@code docs/demo/healguard.yaml}: its tables, api.service
 * depending on postgresql.service) as a real service on a free loopback port, with one token per
 * role and the command executor recording its argv. It runs on {@link #clock}, which a test moves
 * through a cooldown instead of waiting for it.
 */
final class DemoServer implements AutoCloseable {
  final int port;
  final TestClock clock;
  final HealguardService service;
  final Path argvLog;
  /** The tables directory the service reads (a copy of docs/demo/tables): a test may edit and reload it. */
  final Path tables;

  private DemoServer(int port, TestClock clock, HealguardService service, Path argvLog, Path tables) {
    this.port = port;
    this.clock = clock;
    this.service = service;
    this.argvLog = argvLog;
    this.tables = tables;
  }

  static DemoServer start(Vertx vertx, Path dir) throws Exception {
    Path tables = copy(Fixtures.repoRoot().resolve("docs/demo/tables"), dir.resolve("tables"));
    Path argvLog = dir.resolve("argv.log");
    Path script = TestServer.recordingScript(dir.resolve("restart-unit.sh"), argvLog);
    int port = TestServer.freePort();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(ConfigKeys.HTTP_PORT.name(), port);
    s.put(ConfigKeys.DATA_DIR.name(), dir.resolve("data").toString());
    s.put(ConfigKeys.POLICY_TABLES_DIR.name(), tables.toString());
    s.put(ConfigKeys.POLICY_WATCH_INTERVAL.name(), "0");
    s.put(ConfigKeys.UNITS.name(), List.of(
        Map.of("name", "api.service", "tier", "standard", "depends_on", List.of("postgresql.service")),
        Map.of("name", "postgresql.service", "tier", "critical")));
    s.put(ConfigKeys.AUTH_TOKENS.name(), List.of(
        TestServer.token("watchdog", "reporter", TestServer.REPORTER),
        TestServer.token("dashboard", "viewer", TestServer.VIEWER),
        TestServer.token("alice", "operator", TestServer.OPERATOR),
        TestServer.token("root", "admin", TestServer.ADMIN)));
    s.put(ConfigKeys.EXECUTOR_MODE.name(), "command");
    s.put(ConfigKeys.EXECUTOR_COMMAND.name(), List.of(script.toString(), "{unit}"));
    s.put(ConfigKeys.EXECUTOR_TIMEOUT.name(), "10s");
    s.put(ConfigKeys.STORE_SYNC.name(), "normal");
    TestClock clock = new TestClock();
    HealguardService service = HealguardService.start(vertx, ConfigBinder.bind(s), clock)
        .toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
    return new DemoServer(port, clock, service, argvLog, tables);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  @Override
  public void close() throws Exception {
    service.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }
}
