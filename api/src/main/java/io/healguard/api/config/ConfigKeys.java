package io.healguard.api.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of configuration keys with their defaults and override names. Adding a key means
 * adding it here (so env and -D overrides and the unknown-key check know it) and binding it in
 * {@link ConfigBinder}.
 */
public final class ConfigKeys {
  public static final String ENV_PREFIX = "HEALGUARD_";
  public static final String SYS_PREFIX = "healguard.";

  /** Keys whose value is a list; everything else is a scalar. */
  public static final Set<String> LIST_KEYS = Set.of("units", "auth.tokens", "executor.command");

  /** Key to default, in the order the docs list them; null means "no value". */
  public static final Map<String, Object> DEFAULTS = defaults();

  /**
   * {@code -D} properties under the healguard prefix that are not settings: the build's pointer to
   * the repository and the audit file location the service itself sets for Logback.
   */
  public static final Set<String> RESERVED_SYS = Set.of("healguard.repo.root", "healguard.audit.file");

  /**
   * Environment variables under the healguard prefix that are not settings: the test database
   * (PostgreSQL tests) and the token that curl and wrk examples read. A shell that exports them
   * can still start {@code serve}.
   */
  public static final Set<String> RESERVED_ENV = Set.of("HEALGUARD_TEST_JDBC_URL", "HEALGUARD_TOKEN");

  private ConfigKeys() {}

  private static Map<String, Object> defaults() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("http.host", "127.0.0.1");
    m.put("http.port", 8080);
    m.put("data.dir", "data");
    m.put("policy.tables-dir", "decision-tables");
    m.put("policy.watch-interval", "2s");
    m.put("policy.shadow-tables", "");
    m.put("policy.sync-interval", "5s");
    m.put("units", List.of());
    m.put("auth.tokens", List.of());
    m.put("executor.mode", "advisory");
    m.put("executor.command", List.of());
    m.put("executor.timeout", "30s");
    m.put("safety.max-restarts-per-hour", 10);
    m.put("store.sync", "full");
    m.put("store.url", "");
    m.put("audit.retention", "90d");
    m.put("holds.sweep-interval", "5s");
    m.put("drift.contract", null);
    m.put("drift.scan-interval", "5m");
    m.put("drift.root", "/");
    return java.util.Collections.unmodifiableMap(m);
  }

  public static boolean known(String key) {
    return DEFAULTS.containsKey(key);
  }

  /** {@code http.port} → {@code HEALGUARD_HTTP_PORT}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** {@code http.port} → {@code healguard.http.port}. */
  public static String sysName(String key) {
    return SYS_PREFIX + key;
  }

  /** The key an environment variable overrides, or null when it names none. */
  public static String keyOfEnv(String env) {
    for (String k : DEFAULTS.keySet()) {
      if (envName(k).equals(env)) {
        return k;
      }
    }
    return null;
  }
}
