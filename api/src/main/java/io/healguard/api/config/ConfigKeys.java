package io.healguard.api.config;

import io.healguard.api.alerting.AlertingConfig;
import io.healguard.api.auth.ApiToken;
import io.healguard.api.exec.ExecutorMode;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.PostgresStoreConfig;
import io.healguard.engine.store.SyncMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every configuration key, declared once, in the order docs/service.md lists them. From these
 * declarations come the binding, the unknown-key and bad-value errors, the environment and
 * {@code -D} override names, the start-up log of the configuration and the key table in
 * docs/service.md (a test keeps the page equal to {@link #markdownTable()}).
 *
 * <p>To add a key: one declaration here, and the component of {@link ServiceConfig} the service
 * reads it from (with its line in {@link ServiceConfig#from}); then run the test that checks the
 * docs and paste the table it prints.
 */
public final class ConfigKeys {
  private static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final List<ConfigKey<?>> KEYS = new ArrayList<>();

  public static final ConfigKey<String> HTTP_HOST = add("http.host",
      ValueTypes.text("a host name or IP address to listen on"), "127.0.0.1", c -> c.http().host(),
      "host or IP to listen on");
  public static final ConfigKey<Integer> HTTP_PORT = add("http.port",
      ValueTypes.integer(1, 65535), 8080, c -> c.http().port(),
      "1-65535");
  public static final ConfigKey<Duration> HTTP_IDLE_TIMEOUT = add("http.idle-timeout",
      ValueTypes.duration(Duration.ofSeconds(1), MAX_INTERVAL), "60s", c -> c.http().idleTimeout(),
      "1s-1h; a connection with no bytes in either direction for this long is closed");
  public static final ConfigKey<Duration> HTTP_HEADER_TIMEOUT = add("http.header-timeout",
      ValueTypes.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)), "10s", c -> c.http().headerTimeout(),
      "1s-10m; a new connection that has not sent its first request's headers by then is closed");
  public static final ConfigKey<Duration> HTTP_BODY_TIMEOUT = add("http.body-timeout",
      ValueTypes.duration(Duration.ofSeconds(1), Duration.ofMinutes(10)), "10s", c -> c.http().bodyTimeout(),
      "1s-10m; a request whose body has not fully arrived this long after its headers is answered `408` "
          + "and its connection closed");
  public static final ConfigKey<Integer> HTTP_MAX_CONNECTIONS = add("http.max-connections",
      ValueTypes.integer(1, 1_000_000), 1024, c -> c.http().maxConnections(),
      "1-1000000 open connections; one more is answered `503` (problem+json) and closed");
  public static final ConfigKey<Integer> HTTP_MAX_REQUEST_LINE = add("http.max-request-line",
      ValueTypes.integer(256, 65536), 4096, c -> c.http().maxRequestLine(),
      "256-65536 bytes of `METHOD target HTTP/1.1`; longer is answered `414`");
  public static final ConfigKey<Integer> HTTP_MAX_HEADER_SIZE = add("http.max-header-size",
      ValueTypes.integer(1024, 65536), 8192, c -> c.http().maxHeaderSize(),
      "1024-65536 bytes of all header lines together; more is answered `431`");
  public static final ConfigKey<Path> DATA_DIR = add("data.dir",
      ValueTypes.directoryToCreate("a directory path"), "data", ServiceConfig::dataDir,
      "created if missing: embedded store `healguard.db`, `audit.jsonl`, `admin.token`, `policies/` "
          + "(every activated policy version)");
  public static final ConfigKey<Path> POLICY_TABLES_DIR = add("policy.tables-dir",
      ValueTypes.existingDirectory("an existing directory of decision tables", false), "decision-tables",
      c -> c.policy().tablesDir(),
      "an existing directory (else exit 2)");
  public static final ConfigKey<Duration> POLICY_WATCH_INTERVAL = add("policy.watch-interval",
      ValueTypes.duration(Duration.ZERO, MAX_INTERVAL), "2s", c -> c.policy().watchInterval(),
      "`0` disables file watching (of the shadow tables too); up to `1h`. Not used for the live tables "
          + "when `store.url` is set");
  public static final ConfigKey<Path> POLICY_SHADOW_TABLES = add("policy.shadow-tables",
      ValueTypes.existingDirectory("empty (shadow mode off) or an existing directory of candidate decision tables", true),
      "", c -> c.policy().shadowTables(),
      "empty (shadow mode off) or an existing directory of candidate tables; see [Shadow mode](#shadow-mode)");
  public static final ConfigKey<Duration> POLICY_SYNC_INTERVAL = add("policy.sync-interval",
      ValueTypes.duration(Duration.ofMillis(100), MAX_INTERVAL), "5s", c -> c.policy().syncInterval(),
      "100ms-1h; with `store.url` only: how often a replica asks the store for the shared policy version "
          + "and adopts it ([replicas](replicas.md#policy-version-across-replicas))");
  public static final ConfigKey<List<UnitProfile>> UNITS = add("units",
      ListTypes.units(), List.of(), ServiceConfig::units,
      "list of `{name, tier: critical\\|standard\\|batch, depends_on: [..]}`");
  public static final ConfigKey<List<ApiToken>> AUTH_TOKENS = add("auth.tokens",
      ListTypes.tokens(), List.of(), ServiceConfig::tokens,
      "list of `{name, role: reporter\\|viewer\\|operator\\|admin, hash: sha256:<hex>}`");
  public static final ConfigKey<ExecutorMode> EXECUTOR_MODE = add("executor.mode",
      ValueTypes.choice(ExecutorMode::parse, ExecutorMode::label), "advisory", c -> c.executor().mode(),
      "`advisory` (decide only), `systemctl` (`systemctl restart -- UNIT`), `command`");
  public static final ConfigKey<List<String>> EXECUTOR_COMMAND = add("executor.command",
      ListTypes.argv(), List.of(), c -> c.executor().command(),
      "argv template with `{unit}`, required for `command`; never run through a shell");
  public static final ConfigKey<Duration> EXECUTOR_TIMEOUT = add("executor.timeout",
      ValueTypes.duration(Duration.ofSeconds(1), MAX_INTERVAL), "30s", c -> c.executor().timeout(),
      "1s-1h; on timeout the whole process tree is killed");
  public static final ConfigKey<Duration> EXECUTOR_RECHECK_INTERVAL = add("executor.recheck-interval",
      ValueTypes.zeroOrDuration("never", Duration.ofSeconds(1), MAX_INTERVAL), "10s", c -> c.executor().recheckInterval(),
      "`0` (never) or 1s-1h; `systemctl` mode only: a unit systemd's hook reported failed and healguard did not "
          + "restart is asked about again this long after its last report (after a BLOCK: not before the next "
          + "restart could be allowed) and, if `systemctl show` still says `failed`, reported DOWN again "
          + "([rechecks](#rechecks-of-failed-units))");
  public static final ConfigKey<Integer> SAFETY_MAX_RESTARTS_PER_HOUR = add("safety.max-restarts-per-hour",
      (key, raw, base) -> new SafetyEnvelope(ValueTypes.integer(1, 1000).parse(key, raw, base)).maxRestartsPerHour(),
      10, ServiceConfig::maxRestartsPerHour,
      "1-1000");
  public static final ConfigKey<SyncMode> STORE_SYNC = add("store.sync",
      ValueTypes.choice((key, text) -> SyncMode.parse(key, text), m -> m.name().toLowerCase(Locale.ROOT)), "full",
      ServiceConfig::storeSync,
      "`full` (survives power loss), `normal` (survives kill -9)");
  public static final ConfigKey<String> STORE_URL = add("store.url", new ValueType<>() {
        @Override
        public String parse(String key, Object raw, Path base) {
          return raw == null || String.valueOf(raw).isBlank() ? null : PostgresStoreConfig.of(String.valueOf(raw).trim()).url();
        }

        @Override
        public Object show(String url) {
          return url == null ? "" : PostgresStoreConfig.redact(url); // credentials never reach the log
        }
      }, "", ServiceConfig::storeUrl,
      "empty: embedded SQLite in `data.dir`; else a PostgreSQL JDBC URL that every replica shares "
          + "(docs/replicas.md). Turns the file watch off");
  public static final ConfigKey<Duration> AUDIT_RETENTION = add("audit.retention",
      ValueTypes.zeroOrDuration("keep forever", Duration.ofHours(1), Duration.ofDays(36500)), "90d",
      ServiceConfig::auditRetention,
      "`0` (keep forever) or 1h-36500d; audit events older than this are deleted at start-up and then daily "
          + "(one log line with the count per run)");
  public static final ConfigKey<Duration> HOLDS_SWEEP_INTERVAL = add("holds.sweep-interval",
      ValueTypes.duration(Duration.ofMillis(100), MAX_INTERVAL), "5s", ServiceConfig::holdSweepInterval,
      "how often expired holds are ended and audited, and due rechecks run (100ms-1h)");
  public static final ConfigKey<Path> DRIFT_CONTRACT = add("drift.contract",
      ValueTypes.existingFile("empty or an existing contract file", true), "", c -> c.drift().contract(),
      "empty (no drift scans) or an existing runtime contract file (docs/runtime-contract.md)");
  public static final ConfigKey<Duration> DRIFT_SCAN_INTERVAL = add("drift.scan-interval",
      ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "5m", c -> c.drift().scanInterval(),
      "1s-1d; how often the contract is checked against the host");
  public static final ConfigKey<Path> DRIFT_ROOT = add("drift.root",
      ValueTypes.existingDirectory("an existing directory (/ on the host itself)", false), "/", c -> c.drift().root(),
      "an existing directory: where the host's `/` is for the checker (a copy of the host's files in tests, "
          + "the host's root mounted into a container)");

  public static final ConfigKey<List<AlertingConfig.Target>> ALERTING_ALERTMANAGERS = add("alerting.alertmanagers",
      AlertingTypes.alertmanagers(), List.of(), c -> c.alerting().alertmanagers(),
      "list of `{url, bearer_token_file, ca_file}` (files optional); every active alert is pushed to each "
          + "([alerting](alerting.md)); empty: no push");
  public static final ConfigKey<Duration> ALERTING_RESEND_INTERVAL = add("alerting.resend-interval",
      ValueTypes.duration(Duration.ofSeconds(1), MAX_INTERVAL), "1m", c -> c.alerting().resendInterval(),
      "1s-1h; an active alert is re-sent this often with `endsAt` = now + 4 x this");
  public static final ConfigKey<URI> ALERTING_EXTERNAL_URL = add("alerting.external-url",
      AlertingTypes.optionalUrl(), "", c -> c.alerting().externalUrl(),
      "empty (`http://<http.host>:<http.port>`) or the URL people reach the API at, for `generatorURL`");
  public static final ConfigKey<URI> ALERTING_RUNBOOK_BASE = add("alerting.runbook-base",
      AlertingTypes.optionalUrl(), "", c -> c.alerting().runbookBase(),
      "empty or a URL the runbook path is appended to for `runbook_url`, e.g. a repository's `.../blob/main`");
  public static final ConfigKey<Map<String, String>> ALERTING_LABELS = add("alerting.labels",
      AlertingTypes.labels(), Map.of(), c -> c.alerting().labels(),
      "static labels added to every pushed alert, e.g. `{team: ops}`");
  public static final ConfigKey<String> ALERTING_WEBHOOK_UNIT_LABEL = add("alerting.webhook.unit-label",
      AlertingTypes.labelName(), "unit", c -> c.alerting().webhook().unitLabel(),
      "the label of an Alertmanager webhook alert that names the unit");
  public static final ConfigKey<String> ALERTING_WEBHOOK_DEGRADED_WHEN = add("alerting.webhook.degraded-when",
      AlertingTypes.labelMatch(), "severity=warning", c -> c.alerting().webhook().degradedLabel() == null ? null
          : c.alerting().webhook().degradedLabel() + "=" + c.alerting().webhook().degradedValue(),
      "empty (every firing alert is DOWN) or `label=value`: a firing alert with it is DEGRADED");
  public static final ConfigKey<Duration> ALERTING_WEBHOOK_DEDUPE_WINDOW = add("alerting.webhook.dedupe-window",
      ValueTypes.duration(Duration.ZERO, MAX_INTERVAL), "1m", c -> c.alerting().webhook().dedupeWindow(),
      "`0`-1h; the same alert in the same state delivered again within this is a duplicate, not a report "
          + "([repeated notifications](alerting.md#repeated-notifications))");

  /** Every key, in declaration order. */
  public static final List<ConfigKey<?>> ALL = Collections.unmodifiableList(KEYS);

  private static final Map<String, ConfigKey<?>> BY_NAME = byName();

  /**
   * {@code -D} properties under the healguard prefix that are not settings: the build's pointer to
   * the repository and the audit file location the service itself sets for Logback.
   */
  public static final Set<String> RESERVED_SYS = Set.of("healguard.repo.root", "healguard.audit.file");

  /**
   * Environment variables under the healguard prefix that are not settings: the test database
   * (PostgreSQL tests), the token that curl and wrk examples read, and the URL and token file
   * that {@code healguard report} reads. A shell that exports them
   * can still start {@code serve}.
   */
  public static final Set<String> RESERVED_ENV = Set.of(
      "HEALGUARD_TEST_JDBC_URL", "HEALGUARD_TOKEN", "HEALGUARD_URL", "HEALGUARD_TOKEN_FILE");

  private ConfigKeys() {}

  private static <T> ConfigKey<T> add(String name, ValueType<T> type, Object defaultValue,
      Function<ServiceConfig, T> read, String doc) {
    ConfigKey<T> k = new ConfigKey<>(name, type, defaultValue, read, doc);
    KEYS.add(k);
    return k;
  }

  private static Map<String, ConfigKey<?>> byName() {
    Map<String, ConfigKey<?>> m = new LinkedHashMap<>();
    for (ConfigKey<?> k : KEYS) {
      if (m.put(k.name(), k) != null) {
        throw new IllegalStateException("config key " + k.name() + " declared twice");
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The key named {@code name}, or null. */
  public static ConfigKey<?> named(String name) {
    return BY_NAME.get(name);
  }

  public static boolean known(String name) {
    return BY_NAME.containsKey(name);
  }

  /** The key an environment variable overrides, or null when it names none. */
  public static ConfigKey<?> ofEnv(String env) {
    for (ConfigKey<?> k : KEYS) {
      if (k.envName().equals(env)) {
        return k;
      }
    }
    return null;
  }

  /** The key table of docs/service.md. */
  public static String markdownTable() {
    StringBuilder b = new StringBuilder("| key | default | allowed |\n|---|---|---|\n");
    for (ConfigKey<?> k : KEYS) {
      b.append("| `").append(k.name()).append("` | ").append(shownDefault(k.defaultValue())).append(" | ")
          .append(k.doc()).append(" |\n");
    }
    return b.toString();
  }

  private static String shownDefault(Object v) {
    if (v == null || "".equals(v)) {
      return "empty";
    }
    return "`" + (v instanceof List<?> l && l.isEmpty() ? "[]" : v) + "`";
  }
}
