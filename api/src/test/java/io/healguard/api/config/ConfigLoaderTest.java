package io.healguard.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.api.auth.Role;
import io.healguard.api.exec.ExecutorMode;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.testing.Fixtures;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  static Vertx vertx;
  @TempDir Path dir;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  private ServiceConfig load(String yaml, Map<String, String> env, Properties sys) throws Exception {
    Path file = dir.resolve("healguard.yaml");
    Files.writeString(file, yaml);
    try {
      return new ConfigLoader(env, sys).load(vertx, file).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private String tables() {
    return "policy:\n  tables-dir: " + Fixtures.bundledTables() + "\n";
  }

  @Test
  void shouldApplyDefaultsToKeysTheFileLeavesOut() throws Exception {
    ServiceConfig c = load(tables(), Map.of(), new Properties());

    assertThat(c.http().host()).isEqualTo("127.0.0.1");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    assertThat(c.policy().watchInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.executor().mode()).isEqualTo(ExecutorMode.ADVISORY);
    assertThat(c.executor().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.maxRestartsPerHour()).isEqualTo(10);
    assertThat(c.drift().contract()).isNull();
    assertThat(c.drift().scanInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.drift().root()).isEqualTo(java.nio.file.Path.of("/"));
    assertThat(c.policy().syncInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.auditRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(c.storeUrl()).isNull();
  }

  @Test
  void shouldBindAuditRetentionZeroAsKeepForever() throws Exception {
    ServiceConfig c = load(tables() + "audit:\n  retention: 0\n", Map.of(), new Properties());

    assertThat(c.auditRetention()).isZero();
  }

  @Test
  void shouldNameTheSystemPropertyOfABadSyncInterval() {
    Properties sys = new Properties();
    sys.setProperty("healguard.policy.sync-interval", "0");

    assertThatThrownBy(() -> load(tables(), Map.of(), sys))
        .hasMessage("policy.sync-interval must be a duration between 100ms and 1h, but was '0' (from -Dhealguard.policy.sync-interval)");
  }

  @Test
  void shouldLetEnvironmentOverrideTheFileAndSystemPropertiesOverrideBoth() throws Exception {
    Properties sys = new Properties();
    sys.setProperty("healguard.executor.timeout", "5s");
    sys.setProperty("healguard.repo.root", "/ignored");
    Map<String, String> env = Map.of("HEALGUARD_HTTP_PORT", "9090", "HEALGUARD_EXECUTOR_TIMEOUT", "7s",
        "HEALGUARD_SAFETY_MAX_RESTARTS_PER_HOUR", "4");

    ServiceConfig c = load(tables() + "http:\n  port: 8181\nexecutor:\n  timeout: 9s\n", env, sys);

    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.executor().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxRestartsPerHour()).isEqualTo(4);
  }

  @Test
  void shouldBindUnitsTokensAndCommandTemplate() throws Exception {
    String yaml = tables() + "units:\n  - name: api.service\n    tier: critical\n    depends_on: [db.service]\n"
        + "auth:\n  tokens:\n    - name: ops\n      role: operator\n      hash: sha256:" + "ab".repeat(32) + "\n"
        + "executor:\n  mode: command\n  command: [/usr/local/bin/restart, \"{unit}\"]\n";

    ServiceConfig c = load(yaml, Map.of(), new Properties());

    assertThat(c.units()).singleElement().satisfies(u -> assertThat(u.dependsOn()).containsExactly("db.service"));
    assertThat(c.tokens()).singleElement().satisfies(t -> assertThat(t.role()).isEqualTo(Role.OPERATOR));
    assertThat(c.executor().command()).containsExactly("/usr/local/bin/restart", "{unit}");
    assertThat(c.describe().toString()).doesNotContain("abab");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "port out of range     | http:\\n  port: 70000                 | http.port must be a whole number between 1 and 65535, but was '70000'",
    "unknown key           | htp:\\n  port: 1                      | config key htp.port",
    "unknown nested key    | policy:\\n  watch: 1s                 | config key policy.watch",
    "bad duration          | executor:\\n  timeout: soon           | executor.timeout must be a duration",
    "bad mode              | executor:\\n  mode: ssh               | executor.mode must be one of advisory, systemctl, command, but was 'ssh'",
    "command without unit  | executor:\\n  mode: command\\n  command: [/bin/true] | executor.command must be an argv list with {unit}",
    "bad sync              | store:\\n  sync: sometimes            | store.sync must be one of full, normal",
    "bad unit name         | units:\\n  - name: api                | units[0].name must be",
    "bad tier              | units:\\n  - name: a.service\\n    tier: gold | units[0].tier must be one of critical, standard, batch",
    "bad role              | auth:\\n  tokens:\\n    - {name: x, role: root, hash: x} | auth.tokens[0].role must be one of reporter, viewer, operator, admin",
    "safety too high       | safety:\\n  max-restarts-per-hour: 5000 | safety.max-restarts-per-hour must be a whole number between 1 and 1000",
    "missing contract      | drift:\\n  contract: /nowhere/contract.yaml | drift.contract must be empty or an existing contract file",
    "bad scan interval     | drift:\\n  scan-interval: 0s       | drift.scan-interval must be a duration between 1s and 1d",
    "missing drift root    | drift:\\n  root: /nowhere/host      | drift.root must be an existing directory",
    "retention too short   | audit:\\n  retention: 5m            | audit.retention must be 0 (keep forever) or a duration between 1h and 36500d, but was '5m'",
    "retention not a time  | audit:\\n  retention: forever       | audit.retention must be a duration",
  })
  void shouldRejectABadKeyOrValueNamingTheKeyTheValueAndWhatIsAllowed(String name, String yaml, String message) {
    assertThatThrownBy(() -> load(tables() + yaml.replace("\\n", "\n"), Map.of(), new Properties()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void shouldNeverRepeatATokenHashValueInAnError() {
    String yaml = tables() + "auth:\n  tokens:\n    - {name: x, role: admin, hash: my-plain-secret}\n";

    assertThatThrownBy(() -> load(yaml, Map.of(), new Properties()))
        .hasMessageContaining("auth.tokens[0].hash must be sha256:<64 hex digits>")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("my-plain-secret"));
  }

  @Test
  void shouldNameTheEnvironmentVariableAnOverridingValueCameFrom() {
    assertThatThrownBy(() -> load(tables(), Map.of("HEALGUARD_HTTP_PORT", "eighty"), new Properties()))
        .hasMessage("http.port must be a whole number between 1 and 65535, but was 'eighty' (from HEALGUARD_HTTP_PORT)");
  }

  @Test
  void shouldRejectAnUnknownHealguardEnvironmentVariable() {
    assertThatThrownBy(() -> load(tables(), Map.of("HEALGUARD_HTTP_PROT", "1"), new Properties()))
        .hasMessageContaining("HEALGUARD_HTTP_PROT");
  }

  @Test
  void shouldIgnoreTheTestDatabaseAndTokenVariablesThatAreNotSettings() throws Exception {
    Map<String, String> env = Map.of("HEALGUARD_TEST_JDBC_URL", "jdbc:postgresql://db/test", "HEALGUARD_TOKEN", "t",
        "HEALGUARD_URL", "http://127.0.0.1:9", "HEALGUARD_TOKEN_FILE", "/nonexistent");

    ServiceConfig c = load(tables(), env, new Properties());

    assertThat(c.storeUrl()).isNull();
  }

  @Test
  void shouldResolveRelativePathsInTheFileAgainstTheFilesDirectory() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("opt/etc"));
    Files.createDirectories(dir.resolve("opt/tables"));
    Files.createDirectories(dir.resolve("opt/candidate"));
    Files.writeString(etc.resolve("contract.yaml"), "units: []\n");
    Path file = etc.resolve("healguard.yaml");
    Files.writeString(file, "data:\n  dir: ../var\npolicy:\n  tables-dir: ../tables\n  shadow-tables: ../candidate\n"
        + "drift:\n  contract: contract.yaml\n  root: ..\n"
        + "executor:\n  mode: command\n  command: [bin/restart, \"{unit}\"]\n");

    ServiceConfig c = new ConfigLoader(Map.of(), new Properties()).load(vertx, file)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(c.dataDir()).isEqualTo(dir.resolve("opt/var"));
    assertThat(c.policy().tablesDir()).isEqualTo(dir.resolve("opt/tables"));
    assertThat(c.policy().shadowTables()).isEqualTo(dir.resolve("opt/candidate"));
    assertThat(c.drift().contract()).isEqualTo(etc.resolve("contract.yaml"));
    assertThat(c.drift().root()).isEqualTo(dir.resolve("opt"));
    assertThat(c.executor().command()).containsExactly(etc.resolve("bin/restart").toString(), "{unit}");
  }

  @Test
  void shouldKeepOverriddenAndDefaultPathsRelativeToTheWorkingDirectory() throws Exception {
    Properties sys = new Properties();
    sys.setProperty("healguard.data.dir", "state");

    ServiceConfig c = load(tables(), Map.of("HEALGUARD_EXECUTOR_COMMAND", "[\"bin/restart\",\"{unit}\"]"), sys);

    assertThat(c.dataDir()).isEqualTo(Path.of("state"));
    assertThat(c.executor().command()).containsExactly("bin/restart", "{unit}");
  }

  @Test
  void shouldNameWhereARelativeTablesDirWasLookedFor() {
    assertThatThrownBy(() -> load("policy:\n  tables-dir: nowhere-tables\n", Map.of(), new Properties()))
        .hasMessage("policy.tables-dir must be an existing directory of decision tables (no directory at "
            + dir.resolve("nowhere-tables") + "), but was 'nowhere-tables'");
  }

  @Test
  void shouldRejectAMissingTablesDirectory() {
    assertThatThrownBy(() -> load("policy:\n  tables-dir: /nowhere/tables\n", Map.of(), new Properties()))
        .hasMessageContaining("policy.tables-dir must be an existing directory of decision tables");
  }
}
