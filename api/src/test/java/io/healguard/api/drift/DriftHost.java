package io.healguard.api.drift;

import io.healguard.api.auth.Role;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.exec.ExecutorMode;
import io.healguard.api.service.HealguardService;
import io.healguard.api.testing.TestServer;
import io.healguard.engine.drift.HostSnapshot;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.store.SyncMode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A host copy from the drift corpus (by default {@code clean-basic}: contract unit
 * {@code ingest-api.service}, clean) whose unit file can be broken and fixed, and a real service scanning it: the
 * {@link TestServer} wiring (1s cooldown tables, a token per role, the recording executor) plus
 * {@code drift.contract}, {@code drift.root} and an hour-long scan interval, so only start and
 * {@code POST /api/v1/drift/scan} scan.
 */
public final class DriftHost implements AutoCloseable {
  public static final String CASE = "clean-basic";
  public static final String UNIT = "ingest-api.service";
  public static final String CONTRACT_PYTHON = "/opt/conda/envs/ingest/bin/python3.11";
  public static final String SYSTEM_PYTHON = "/usr/bin/python3";

  public final Path root;
  public final Path contract;
  public final Path unitFile;
  public final int port;
  public final HealguardService service;
  private final String cleanUnit;

  private DriftHost(Path root, Path contract, Path unitFile, String cleanUnit, int port, HealguardService service) {
    this.root = root;
    this.contract = contract;
    this.unitFile = unitFile;
    this.cleanUnit = cleanUnit;
    this.port = port;
    this.service = service;
  }

  /** What a test does to the host copy before the service starts on it. */
  public interface Preparation {
    void prepare(Path root, Path contract) throws Exception;
  }

  /** Copies the host, makes the unit's ExecStart run the system python, and starts the service on it. */
  public static DriftHost startWithInterpreterMismatch(Vertx vertx, Path dir) throws Exception {
    return start(vertx, dir, CASE, (root, contract) -> {
      Path unitFile = root.resolve("etc/systemd/system/" + UNIT);
      Files.writeString(unitFile, Files.readString(unitFile).replace(CONTRACT_PYTHON, SYSTEM_PYTHON));
    });
  }

  /**
   * Copies a corpus case whose contract unit is {@link #UNIT}, lets {@code preparation} change it,
   * and starts the service on it; {@link #fixUnitFile} puts the unit file back as the corpus has it.
   */
  public static DriftHost start(Vertx vertx, Path dir, String caseName, Preparation preparation) throws Exception {
    Path root = HostSnapshot.materialize(caseName, dir);
    Path contract = Files.copy(HostSnapshot.contract(caseName), dir.resolve("contract.yaml"));
    Path unitFile = root.resolve("etc/systemd/system/" + UNIT);
    String clean = Files.readString(unitFile);
    preparation.prepare(root, contract);
    int port = TestServer.freePort();
    Path argvLog = dir.resolve("argv.log");
    ServiceConfig cfg = new ServiceConfig(
        new ServiceConfig.Http("127.0.0.1", port),
        dir.resolve("data"),
        new ServiceConfig.Policy(TestServer.fastTables(dir.resolve("tables")), Duration.ZERO),
        List.of(UnitProfile.standard(UNIT)),
        List.of(TestServer.token("watchdog", Role.REPORTER, TestServer.REPORTER),
            TestServer.token("dashboard", Role.VIEWER, TestServer.VIEWER),
            TestServer.token("alice", Role.OPERATOR, TestServer.OPERATOR),
            TestServer.token("root", Role.ADMIN, TestServer.ADMIN)),
        new ServiceConfig.Executor(ExecutorMode.COMMAND,
            List.of(TestServer.recordingScript(dir.resolve("restart-unit.sh"), argvLog).toString(), "{unit}"),
            Duration.ofSeconds(10)),
        10, SyncMode.NORMAL, null, Duration.ofMillis(200), new ServiceConfig.Drift(contract, Duration.ofHours(1), root));
    HealguardService s = HealguardService.start(vertx, cfg).toCompletionStage().toCompletableFuture()
        .get(3, TimeUnit.MINUTES);
    return new DriftHost(root, contract, unitFile, clean, port, s);
  }

  /** Puts the contract's interpreter back into the unit file. */
  public void fixUnitFile() throws IOException {
    Files.writeString(unitFile, cleanUnit);
  }

  @Override
  public void close() throws Exception {
    service.stop().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }
}
