package io.healguard.api.config;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.exec.ExecutorMode;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.json.Durations;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.store.internal.PgUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's whole configuration, validated: everything the service reads of its config comes
 * from here. Built by {@link ConfigBinder}; tests may build one directly.
 *
 * <p>{@code storeUrl} null: the embedded SQLite store under {@code dataDir}; else the JDBC URL of
 * the PostgreSQL database that replicas share.
 */
public record ServiceConfig(
    Http http,
    Path dataDir,
    Policy policy,
    List<UnitProfile> units,
    List<ApiToken> tokens,
    Executor executor,
    int maxRestartsPerHour,
    SyncMode storeSync,
    String storeUrl,
    Duration holdSweepInterval,
    Drift drift,
    Duration auditRetention) {
  /** Audit events older than this are purged daily; {@link Duration#ZERO} keeps them forever. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);

  public ServiceConfig {
    units = List.copyOf(units);
    tokens = List.copyOf(tokens);
    auditRetention = auditRetention == null ? DEFAULT_AUDIT_RETENTION : auditRetention;
  }

  /** As the canonical constructor with the default audit retention. */
  public ServiceConfig(Http http, Path dataDir, Policy policy, List<UnitProfile> units, List<ApiToken> tokens,
      Executor executor, int maxRestartsPerHour, SyncMode storeSync, String storeUrl, Duration holdSweepInterval,
      Drift drift) {
    this(http, dataDir, policy, units, tokens, executor, maxRestartsPerHour, storeSync, storeUrl,
        holdSweepInterval, drift, DEFAULT_AUDIT_RETENTION);
  }

  public record Http(String host, int port) {}

  /**
   * {@code watchInterval} zero: no file watching, reload only through the API. {@code shadowTables}
   * null: shadow mode off; else a candidate tables directory compared with every live decision.
   * {@code syncInterval}: how often a replica on a shared store (store.url) asks the store for
   * the policy version in force; unused with the embedded store.
   */
  public record Policy(Path tablesDir, Duration watchInterval, Path shadowTables, Duration syncInterval) {
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(5);

    public Policy {
      syncInterval = syncInterval == null ? DEFAULT_SYNC_INTERVAL : syncInterval;
    }

    public Policy(Path tablesDir, Duration watchInterval, Path shadowTables) {
      this(tablesDir, watchInterval, shadowTables, DEFAULT_SYNC_INTERVAL);
    }

    public Policy(Path tablesDir, Duration watchInterval) {
      this(tablesDir, watchInterval, null);
    }
  }

  public record Executor(ExecutorMode mode, List<String> command, Duration timeout) {
    public Executor {
      command = List.copyOf(command);
    }
  }

  /**
   * The service's drift scan; {@code contract} null when none is configured (no scans). {@code root}
   * is where the host's {@code /} is for the checker: {@code /} on the host itself.
   */
  public record Drift(Path contract, Duration scanInterval, Path root) {
    public static final Path HOST_ROOT = Path.of("/");

    public Drift {
      root = root == null ? HOST_ROOT : root;
    }

    public Drift(Path contract, Duration scanInterval) {
      this(contract, scanInterval, HOST_ROOT);
    }
  }

  public ServiceConfig withTokens(List<ApiToken> t) {
    return new ServiceConfig(http, dataDir, policy, units, t, executor, maxRestartsPerHour, storeSync,
        storeUrl, holdSweepInterval, drift, auditRetention);
  }

  /** The configuration as the start-up log shows it: token hashes masked. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("http.host", http.host());
    m.put("http.port", http.port());
    m.put("data.dir", dataDir.toString());
    m.put("policy.tables-dir", policy.tablesDir().toString());
    m.put("policy.watch-interval", Durations.format(policy.watchInterval()));
    m.put("policy.shadow-tables", policy.shadowTables() == null ? "" : policy.shadowTables().toString());
    m.put("policy.sync-interval", Durations.format(policy.syncInterval()));
    m.put("units", units.stream().map(u -> u.name() + "(" + u.tier().label()
        + (u.dependsOn().isEmpty() ? "" : ", depends_on " + u.dependsOn()) + ")").toList());
    m.put("auth.tokens", tokens.stream().map(t -> t.name() + "(" + t.role().label() + ", sha256:****)").toList());
    m.put("executor.mode", executor.mode().label());
    m.put("executor.command", executor.command());
    m.put("executor.timeout", Durations.format(executor.timeout()));
    m.put("safety.max-restarts-per-hour", maxRestartsPerHour);
    m.put("store.sync", storeSync.name().toLowerCase());
    m.put("store.url", storeUrl == null ? "" : PgUrl.redact(storeUrl));
    m.put("audit.retention", auditRetention.isZero() ? "0" : Durations.format(auditRetention));
    m.put("holds.sweep-interval", Durations.format(holdSweepInterval));
    m.put("drift.contract", drift.contract() == null ? "" : drift.contract().toString());
    m.put("drift.scan-interval", Durations.format(drift.scanInterval()));
    m.put("drift.root", drift.root().toString());
    return m;
  }
}
