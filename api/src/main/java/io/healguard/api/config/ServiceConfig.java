package io.healguard.api.config;

import io.healguard.api.alerting.AlertingConfig;
import io.healguard.api.auth.ApiToken;
import io.healguard.api.exec.ExecutorMode;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.store.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's whole configuration, validated: everything the service reads of its config comes
 * from here. Built by {@link ConfigBinder} from the keys {@link ConfigKeys} declares; tests build
 * one with {@link ConfigBinder#bind(Map)}, so a new key does not change them.
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
    Duration auditRetention,
    AlertingConfig alerting) {
  /** Audit events older than this are purged daily; {@link Duration#ZERO} keeps them forever. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);

  public ServiceConfig {
    units = List.copyOf(units);
    tokens = List.copyOf(tokens);
    auditRetention = auditRetention == null ? DEFAULT_AUDIT_RETENTION : auditRetention;
    alerting = alerting == null ? AlertingConfig.OFF : alerting;
  }

  /** As the canonical constructor with alerting off. */
  public ServiceConfig(Http http, Path dataDir, Policy policy, List<UnitProfile> units, List<ApiToken> tokens,
      Executor executor, int maxRestartsPerHour, SyncMode storeSync, String storeUrl, Duration holdSweepInterval,
      Drift drift, Duration auditRetention) {
    this(http, dataDir, policy, units, tokens, executor, maxRestartsPerHour, storeSync, storeUrl,
        holdSweepInterval, drift, auditRetention, AlertingConfig.OFF);
  }

  /** As the canonical constructor with the default audit retention. */
  public ServiceConfig(Http http, Path dataDir, Policy policy, List<UnitProfile> units, List<ApiToken> tokens,
      Executor executor, int maxRestartsPerHour, SyncMode storeSync, String storeUrl, Duration holdSweepInterval,
      Drift drift) {
    this(http, dataDir, policy, units, tokens, executor, maxRestartsPerHour, storeSync, storeUrl,
        holdSweepInterval, drift, DEFAULT_AUDIT_RETENTION);
  }

  /**
   * Where to listen and how much a client may hold: {@code idleTimeout} closes a connection with no
   * bytes either way; {@code headerTimeout} is how long a new connection has to send its first
   * request's headers, {@code bodyTimeout} how long a request has from its headers to its body's
   * last byte (408 and closed after); {@code maxConnections} open at once across all event loops
   * (more are answered 503 and closed); {@code maxRequestLine} and {@code maxHeaderSize} in bytes
   * (longer: 414 and 431).
   */
  public record Http(String host, int port, Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout,
      int maxConnections, int maxRequestLine, int maxHeaderSize) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_REQUEST_LINE = 4096;
    public static final int DEFAULT_MAX_HEADER_SIZE = 8192;

    /** With every limit at its default. */
    public Http(String host, int port) {
      this(host, port, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
          DEFAULT_MAX_REQUEST_LINE, DEFAULT_MAX_HEADER_SIZE);
    }
  }

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

  /**
   * {@code command} is required (with {@code {unit}} in one argument) when {@code mode} is command.
   * {@code recheckInterval}: in systemctl mode, how long after systemd's report a unit healguard
   * did not restart is asked about again (zero: never).
   */
  public record Executor(ExecutorMode mode, List<String> command, Duration timeout, Duration recheckInterval) {
    public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofSeconds(10);

    public Executor {
      command = List.copyOf(command);
      recheckInterval = recheckInterval == null ? DEFAULT_RECHECK_INTERVAL : recheckInterval;
      if (mode == ExecutorMode.COMMAND) {
        requireTemplate(command);
      }
    }

    public Executor(ExecutorMode mode, List<String> command, Duration timeout) {
      this(mode, command, timeout, DEFAULT_RECHECK_INTERVAL);
    }

    private static void requireTemplate(List<String> command) {
      if (command.isEmpty() || command.get(0).isBlank()) {
        throw InvalidInputException.field("executor.command", command,
            "an argv list such as [/usr/local/bin/restart-unit, \"{unit}\"] when executor.mode is command");
      }
      if (command.stream().noneMatch(a -> a.contains("{unit}"))) {
        throw InvalidInputException.field("executor.command", command, "an argv list with {unit} in one argument");
      }
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
        storeUrl, holdSweepInterval, drift, auditRetention, alerting);
  }

  /** The configuration as the start-up log shows it, key by key: token hashes masked, credentials redacted. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (ConfigKey<?> k : ConfigKeys.ALL) {
      m.put(k.name(), k.shown(this));
    }
    return m;
  }

  /** The records the service reads, from the bound keys. */
  static ServiceConfig from(ConfigValues v) {
    return new ServiceConfig(
        new Http(v.get(ConfigKeys.HTTP_HOST), v.get(ConfigKeys.HTTP_PORT), v.get(ConfigKeys.HTTP_IDLE_TIMEOUT),
            v.get(ConfigKeys.HTTP_HEADER_TIMEOUT), v.get(ConfigKeys.HTTP_BODY_TIMEOUT),
            v.get(ConfigKeys.HTTP_MAX_CONNECTIONS), v.get(ConfigKeys.HTTP_MAX_REQUEST_LINE),
            v.get(ConfigKeys.HTTP_MAX_HEADER_SIZE)),
        v.get(ConfigKeys.DATA_DIR),
        new Policy(v.get(ConfigKeys.POLICY_TABLES_DIR), v.get(ConfigKeys.POLICY_WATCH_INTERVAL),
            v.get(ConfigKeys.POLICY_SHADOW_TABLES), v.get(ConfigKeys.POLICY_SYNC_INTERVAL)),
        v.get(ConfigKeys.UNITS),
        v.get(ConfigKeys.AUTH_TOKENS),
        new Executor(v.get(ConfigKeys.EXECUTOR_MODE), v.get(ConfigKeys.EXECUTOR_COMMAND), v.get(ConfigKeys.EXECUTOR_TIMEOUT),
            v.get(ConfigKeys.EXECUTOR_RECHECK_INTERVAL)),
        v.get(ConfigKeys.SAFETY_MAX_RESTARTS_PER_HOUR),
        v.get(ConfigKeys.STORE_SYNC),
        v.get(ConfigKeys.STORE_URL),
        v.get(ConfigKeys.HOLDS_SWEEP_INTERVAL),
        new Drift(v.get(ConfigKeys.DRIFT_CONTRACT), v.get(ConfigKeys.DRIFT_SCAN_INTERVAL), v.get(ConfigKeys.DRIFT_ROOT)),
        v.get(ConfigKeys.AUDIT_RETENTION),
        alerting(v));
  }

  private static AlertingConfig alerting(ConfigValues v) {
    String degraded = v.get(ConfigKeys.ALERTING_WEBHOOK_DEGRADED_WHEN);
    int eq = degraded == null ? -1 : degraded.indexOf('=');
    return new AlertingConfig(v.get(ConfigKeys.ALERTING_ALERTMANAGERS), v.get(ConfigKeys.ALERTING_RESEND_INTERVAL),
        v.get(ConfigKeys.ALERTING_EXTERNAL_URL), v.get(ConfigKeys.ALERTING_RUNBOOK_BASE), v.get(ConfigKeys.ALERTING_LABELS),
        new AlertingConfig.Webhook(v.get(ConfigKeys.ALERTING_WEBHOOK_UNIT_LABEL),
            eq < 0 ? null : degraded.substring(0, eq), eq < 0 ? null : degraded.substring(eq + 1),
            v.get(ConfigKeys.ALERTING_WEBHOOK_DEDUPE_WINDOW)));
  }
}
