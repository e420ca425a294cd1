package io.healguard.api.config;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.auth.Role;
import io.healguard.api.exec.ExecutorMode;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.Tier;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.json.Durations;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.PostgresStoreConfig;
import io.healguard.engine.store.SyncMode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the merged settings into a {@link ServiceConfig}, or throws one {@link
 * InvalidInputException} naming the key, the value and what is allowed (and where the value came
 * from when it was an override).
 */
public final class ConfigBinder {
  private static final Duration MAX_INTERVAL = Duration.ofHours(1);
  private static final Duration MAX_RETENTION = Duration.ofDays(36500);
  private static final Set<String> UNIT_FIELDS = Set.of("name", "tier", "depends_on");
  private static final Set<String> TOKEN_FIELDS = Set.of("name", "role", "hash");

  private final Map<String, Setting> settings;

  ConfigBinder(Map<String, Setting> settings) {
    this.settings = settings;
  }

  /** Binds settings keyed by config key; a key not given takes its default. */
  public static ServiceConfig bind(Map<String, Setting> settings) {
    return new ConfigBinder(settings).bind();
  }

  private ServiceConfig bind() {
    for (String key : settings.keySet()) {
      if (!ConfigKeys.known(key)) {
        throw InvalidInputException.field("config key " + key + " (" + settings.get(key).origin() + ")",
            key, "one of " + String.join(", ", ConfigKeys.DEFAULTS.keySet()));
      }
    }
    var http = new ServiceConfig.Http(
        get("http.host", v -> nonBlank("http.host", v, "a host name or IP address to listen on")),
        get("http.port", v -> integer("http.port", v, 1, 65535)));
    Path dataDir = get("data.dir", v -> Path.of(nonBlank("data.dir", v, "a directory path")));
    Path tables = get("policy.tables-dir", v -> {
      Path p = Path.of(nonBlank("policy.tables-dir", v, "a directory of decision tables"));
      if (!Files.isDirectory(p)) {
        throw InvalidInputException.field("policy.tables-dir", v,
            "an existing directory of decision tables (not found from " + Path.of("").toAbsolutePath() + ")");
      }
      return p;
    });
    Duration watch = get("policy.watch-interval", v -> duration("policy.watch-interval", v, Duration.ZERO, MAX_INTERVAL));
    Path shadow = get("policy.shadow-tables", v -> {
      if (v == null || String.valueOf(v).isBlank()) {
        return null;
      }
      Path p = Path.of(String.valueOf(v).trim());
      if (!Files.isDirectory(p)) {
        throw InvalidInputException.field("policy.shadow-tables", v, "empty (shadow mode off) or an existing directory of candidate decision tables");
      }
      return p;
    });
    Duration sync = get("policy.sync-interval", v -> duration("policy.sync-interval", v, Duration.ofMillis(100), MAX_INTERVAL));
    List<UnitProfile> units = get("units", v -> units(list("units", v)));
    List<ApiToken> tokens = get("auth.tokens", v -> tokens(list("auth.tokens", v)));
    ExecutorMode mode = get("executor.mode", v -> ExecutorMode.parse("executor.mode", v));
    List<String> command = get("executor.command", v -> strings("executor.command", list("executor.command", v)));
    if (mode == ExecutorMode.COMMAND) {
      requireTemplate(command);
    }
    Duration timeout = get("executor.timeout", v -> duration("executor.timeout", v, Duration.ofSeconds(1), MAX_INTERVAL));
    int maxRestarts = get("safety.max-restarts-per-hour", v -> {
      int n = integer("safety.max-restarts-per-hour", v, 1, 1000);
      return new SafetyEnvelope(n).maxRestartsPerHour();
    });
    SyncMode storeSync = get("store.sync", v -> SyncMode.parse("store.sync", String.valueOf(v)));
    String storeUrl = get("store.url", v -> {
      if (v == null || String.valueOf(v).isBlank()) {
        return null;
      }
      return PostgresStoreConfig.of(String.valueOf(v).trim()).url();
    });
    Duration retention = get("audit.retention", v -> {
      String text = v == null ? null : String.valueOf(v).trim();
      if ("0".equals(text)) {
        return Duration.ZERO;
      }
      Duration d = Durations.parse("audit.retention", text);
      if (d.compareTo(Duration.ofHours(1)) < 0 || d.compareTo(MAX_RETENTION) > 0) {
        throw InvalidInputException.field("audit.retention", text,
            "0 (keep forever) or a duration between 1h and " + Durations.format(MAX_RETENTION));
      }
      return d;
    });
    Duration sweep = get("holds.sweep-interval", v -> duration("holds.sweep-interval", v, Duration.ofMillis(100), MAX_INTERVAL));
    Path contract = get("drift.contract", v -> {
      if (v == null || String.valueOf(v).isBlank()) {
        return null;
      }
      Path p = Path.of(String.valueOf(v).trim());
      if (!Files.isRegularFile(p)) {
        throw InvalidInputException.field("drift.contract", v, "empty or an existing contract file");
      }
      return p;
    });
    Duration scan = get("drift.scan-interval", v -> duration("drift.scan-interval", v, Duration.ofSeconds(1), Duration.ofDays(1)));
    Path driftRoot = get("drift.root", v -> {
      Path p = Path.of(nonBlank("drift.root", v, "a directory: / on the host itself, or a copy of the host's files"));
      if (!Files.isDirectory(p)) {
        throw InvalidInputException.field("drift.root", v, "an existing directory (/ on the host itself)");
      }
      return p;
    });
    return new ServiceConfig(http, dataDir, new ServiceConfig.Policy(tables, watch, shadow, sync), units, tokens,
        new ServiceConfig.Executor(mode, command, timeout), maxRestarts, storeSync, storeUrl, sweep,
        new ServiceConfig.Drift(contract, scan, driftRoot), retention);
  }

  /** Binds one key, adding where an override came from to the error. */
  private <T> T get(String key, Function<Object, T> binder) {
    Setting s = settings.getOrDefault(key, Setting.defaulted(key));
    try {
      return binder.apply(s.value());
    } catch (InvalidInputException e) {
      if ("file".equals(s.origin()) || "default".equals(s.origin())) {
        throw e;
      }
      throw new InvalidInputException(e.getMessage() + " (from " + s.origin() + ")");
    }
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

  private static List<UnitProfile> units(List<Object> raw) {
    List<UnitProfile> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String at = "units[" + i + "]";
      Map<String, Object> u = object(at, raw.get(i), UNIT_FIELDS);
      String name = UnitNames.require(at + ".name", u.get("name") == null ? null : String.valueOf(u.get("name")));
      Tier tier = Tier.parse(at + ".tier", u.get("tier") == null ? null : String.valueOf(u.get("tier")));
      List<String> deps = u.get("depends_on") == null ? List.of() : strings(at + ".depends_on", list(at + ".depends_on", u.get("depends_on")));
      for (int d = 0; d < deps.size(); d++) {
        UnitNames.require(at + ".depends_on[" + d + "]", deps.get(d));
        if (deps.get(d).equals(name)) {
          throw InvalidInputException.field(at + ".depends_on[" + d + "]", deps.get(d), "another unit than " + name);
        }
      }
      if (!seen.add(name)) {
        throw InvalidInputException.field(at + ".name", name, "unique among units (listed twice)");
      }
      out.add(new UnitProfile(name, tier, deps));
    }
    return out;
  }

  private static List<ApiToken> tokens(List<Object> raw) {
    List<ApiToken> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String at = "auth.tokens[" + i + "]";
      Map<String, Object> t = object(at, raw.get(i), TOKEN_FIELDS);
      String name = nonBlank(at + ".name", t.get("name"), "a name for the token's holder (the audit's actor)");
      if (!seen.add(name)) {
        throw InvalidInputException.field(at + ".name", name, "unique among auth.tokens (listed twice)");
      }
      Role role = Role.parse(at + ".role", t.get("role"));
      out.add(new ApiToken(name, role, ApiToken.parseHash(at + ".hash", t.get("hash"))));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String field, Object v, Set<String> allowed) {
    Object p = plain(v);
    if (!(p instanceof Map)) {
      throw InvalidInputException.field(field, String.valueOf(v), "a mapping with keys " + allowed);
    }
    Map<String, Object> m = (Map<String, Object>) p;
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw InvalidInputException.field(field + "." + k, k, "one of the keys " + allowed);
      }
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(String field, Object v) {
    if (v instanceof String s) {
      String t = s.trim();
      if (t.isEmpty()) {
        return List.of();
      }
      try {
        v = new JsonArray(t);
      } catch (RuntimeException e) {
        throw InvalidInputException.field(field, s, "a list (in an override: a JSON array such as [\"a\",\"b\"])");
      }
    }
    Object p = plain(v);
    if (p == null) {
      return List.of();
    }
    if (!(p instanceof List)) {
      throw InvalidInputException.field(field, String.valueOf(v), "a list");
    }
    return (List<Object>) p;
  }

  private static List<String> strings(String field, List<Object> raw) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object o = raw.get(i);
      if (!(o instanceof String || o instanceof Number)) {
        throw InvalidInputException.field(field + "[" + i + "]", String.valueOf(o), "a string");
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** Vert.x JSON types to plain maps and lists. */
  private static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      return o.getMap();
    }
    if (v instanceof JsonArray a) {
      List<Object> out = new ArrayList<>();
      a.getList().forEach(x -> out.add(plain(x)));
      return out;
    }
    return v;
  }

  private static String nonBlank(String field, Object v, String rule) {
    if (v == null || !(v instanceof String || v instanceof Number) || String.valueOf(v).isBlank()) {
      throw InvalidInputException.field(field, v == null ? null : String.valueOf(v), rule);
    }
    return String.valueOf(v).trim();
  }

  private static int integer(String field, Object v, int min, int max) {
    String rule = "a whole number between " + min + " and " + max;
    long n;
    if (v instanceof Number num && !(v instanceof Double || v instanceof Float)) {
      n = num.longValue();
    } else {
      try {
        n = Long.parseLong(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        throw InvalidInputException.field(field, String.valueOf(v), rule);
      }
    }
    if (n < min || n > max) {
      throw InvalidInputException.field(field, String.valueOf(v), rule);
    }
    return (int) n;
  }

  private static Duration duration(String field, Object v, Duration min, Duration max) {
    String text = v == null ? null : String.valueOf(v).trim();
    Duration d = "0".equals(text) ? Duration.ZERO : Durations.parse(field, text);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw InvalidInputException.field(field, text,
          "a duration between " + Durations.format(min) + " and " + Durations.format(max));
    }
    return d;
  }
}
