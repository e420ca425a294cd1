package io.healguard.api.testing;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.auth.Role;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.exec.ExecutorMode;
import io.healguard.api.service.HealguardService;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.testing.PolicyTables;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real service on a free loopback port with a temp data dir, a copy of the repository's tables
 * whose standard tier cools down for 1s (so a crash loop opens the circuit in seconds), one token
 * per role, and the command executor running a script that records its argv.
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
  public final HealguardService service;

  private TestServer(Path dir, Path tables, Path argvLog, int port, HealguardService service) {
    this.dir = dir;
    this.tables = tables;
    this.argvLog = argvLog;
    this.port = port;
    this.service = service;
  }

  public static TestServer start(Vertx vertx, Path dir) throws Exception {
    return start(vertx, dir, null);
  }

  /** As {@link #start(Vertx, Path)}, with {@code policy.shadow-tables} set to {@code shadowTables} (null: off). */
  public static TestServer start(Vertx vertx, Path dir, Path shadowTables) throws Exception {
    Path tables = fastTables(dir.resolve("tables"));
    Path argvLog = dir.resolve("argv.log");
    Path script = recordingScript(dir.resolve("restart-unit.sh"), argvLog);
    int port = freePort();
    ServiceConfig cfg = new ServiceConfig(
        new ServiceConfig.Http("127.0.0.1", port),
        dir.resolve("data"),
        new ServiceConfig.Policy(tables, Duration.ZERO, shadowTables),
        List.of(new io.healguard.engine.health.UnitProfile("configured.service", null, null)),
        List.of(token("watchdog", Role.REPORTER, REPORTER), token("dashboard", Role.VIEWER, VIEWER),
            token("alice", Role.OPERATOR, OPERATOR), token("root", Role.ADMIN, ADMIN)),
        new ServiceConfig.Executor(ExecutorMode.COMMAND, List.of(script.toString(), "{unit}", "--why=test"),
            Duration.ofSeconds(10)),
        10, SyncMode.NORMAL, null, Duration.ofMillis(200), new ServiceConfig.Drift(null, Duration.ofMinutes(5)));
    HealguardService s = HealguardService.start(vertx, cfg).toCompletionStage().toCompletableFuture()
        .get(3, TimeUnit.MINUTES);
    return new TestServer(dir, tables, argvLog, port, s);
  }

  public static ApiToken token(String name, Role role, String secret) {
    return new ApiToken(name, role, ApiToken.digest(secret));
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
  public void close() throws Exception {
    service.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }
}
