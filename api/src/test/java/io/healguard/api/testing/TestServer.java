package io.healguard.api.testing;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.auth.Role;
import io.healguard.api.config.ConfigBinder;
import io.healguard.api.config.ConfigKeys;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.service.HealguardService;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real service on a free loopback port with a temp data dir, a copy of the repository's tables
 * whose standard tier cools down for 1s (so a crash loop opens the circuit in seconds), one token
 * per role, and the command executor running a script that records its argv. The service runs on
 * {@link #clock}, which the test moves forward instead of sleeping.
 */
public final class TestServer implements AutoCloseable {
  public static final String REPORTER = "reporter-secret";
  public static final String VIEWER = "viewer-secret";
  public static final String OPERATOR = "operator-secret";
  public static final String ADMIN = "admin-secret";

  public final Path dir;
  public final Path tables;
  public final Path argvLog;
  public final int port;
  public final TestClock clock;
  public final HealguardService service;

  private TestServer(Path dir, Path tables, Path argvLog, int port, TestClock clock, HealguardService service) {
    this.dir = dir;
    this.tables = tables;
    this.argvLog = argvLog;
    this.port = port;
    this.clock = clock;
    this.service = service;
  }

  public static TestServer start(Vertx vertx, Path dir) throws Exception {
    return start(vertx, dir, null);
  }

  /** As {@link #start(Vertx, Path)}, with {@code policy.shadow-tables} set to {@code shadowTables} (null: off). */
  public static TestServer start(Vertx vertx, Path dir, Path shadowTables) throws Exception {
    return start(vertx, dir, shadowTables, Map.of());
  }

  /** As {@link #start(Vertx, Path, Path)}, with more settings ({@code alerting.*}) on top. */
  public static TestServer start(Vertx vertx, Path dir, Path shadowTables, Map<String, ?> extra) throws Exception {
    Path tables = fastTables(dir.resolve("tables"));
    Path argvLog = dir.resolve("argv.log");
    Path script = recordingScript(dir.resolve("restart-unit.sh"), argvLog);
    int port = freePort();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(ConfigKeys.HTTP_PORT.name(), port);
    settings.put(ConfigKeys.DATA_DIR.name(), dir.resolve("data").toString());
    settings.put(ConfigKeys.POLICY_TABLES_DIR.name(), tables.toString());
    settings.put(ConfigKeys.POLICY_WATCH_INTERVAL.name(), "0");
    settings.put(ConfigKeys.POLICY_SHADOW_TABLES.name(), shadowTables == null ? "" : shadowTables.toString());
    settings.put(ConfigKeys.UNITS.name(), List.of(Map.of("name", "configured.service")));
    settings.put(ConfigKeys.AUTH_TOKENS.name(), List.of(token("watchdog", "reporter", REPORTER),
        token("dashboard", "viewer", VIEWER), token("alice", "operator", OPERATOR), token("root", "admin", ADMIN)));
    settings.put(ConfigKeys.EXECUTOR_MODE.name(), "command");
    settings.put(ConfigKeys.EXECUTOR_COMMAND.name(), List.of(script.toString(), "{unit}", "--why=test"));
    settings.put(ConfigKeys.EXECUTOR_TIMEOUT.name(), "10s");
    settings.put(ConfigKeys.STORE_SYNC.name(), "normal");
    settings.put(ConfigKeys.HOLDS_SWEEP_INTERVAL.name(), "200ms");
    settings.putAll(extra);
    ServiceConfig cfg = ConfigBinder.bind(settings);
    TestClock clock = new TestClock();
    HealguardService s = HealguardService.start(vertx, cfg, clock).toCompletionStage().toCompletableFuture()
        .get(3, TimeUnit.MINUTES);
    return new TestServer(dir, tables, argvLog, port, clock, s);
  }

  public static ApiToken token(String name, Role role, String secret) {
    return new ApiToken(name, role, ApiToken.digest(secret));
  }

  /** A token as the configuration file spells it: only the hash of its secret. */
  public static Map<String, String> token(String name, String role, String secret) {
    return Map.of("name", name, "role", role, "hash", ApiToken.hashText(secret));
  }

  /** The bundled tables, with the standard tier's cooldown at 1s. */
  public static Path fastTables(Path dir) throws IOException {
    PolicyTables.copyBundled(dir);
    PolicyTables.setCell(dir.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "baseCooldown", "1s");
    PolicyTables.setCell(dir.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "cooldownCap", "1s");
    return dir;
  }

  /** A real executable that appends its argv, one argument a line, and writes to stderr. */
  public static Path recordingScript(Path script, Path argvLog) throws IOException {
    Files.writeString(script, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + argvLog + "'; done\n"
        + "echo \"restarted $1\" >&2\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      service.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the test server did not stop: " + e, e);
    }
  }
}
