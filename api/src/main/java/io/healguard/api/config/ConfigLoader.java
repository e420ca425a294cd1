package io.healguard.api.config;

import io.healguard.engine.InvalidInputException;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the configuration layers through Vert.x Config, lowest first: the YAML file, then
 * environment variables {@code HEALGUARD_<KEY>}, then {@code -Dhealguard.<key>} system properties.
 *
 * <p>The environment and system properties are handed to Vert.x Config as JSON stores built from
 * the injected maps (so tests can give their own), holding only the healguard-prefixed names. The
 * three stores land side by side in one JSON object (the file nested, env and -D flat under their
 * own spellings); this class tells them apart by spelling, flattens the file to dotted keys and
 * applies the precedence itself, so a key spelled differently per layer still overrides.
 *
 * <p>A relative path written in the file is resolved against the file's directory, so
 * {@code serve --config /opt/healguard/etc/healguard.yaml} works from any working directory; the
 * bundled file, the defaults and the overrides are relative to the working directory.
 */
public final class ConfigLoader {
  /** The configuration bundled in the jar, used when no --config is given. */
  public static final String BUNDLED = "config/healguard.yaml";

  private final Map<String, String> env;
  private final Properties sys;

  public ConfigLoader(Map<String, String> env, Properties sys) {
    this.env = env;
    this.sys = sys;
  }

  public static ConfigLoader fromProcess() {
    return new ConfigLoader(System.getenv(), System.getProperties());
  }

  /** @param file the YAML file, or null for the bundled one */
  public Future<ServiceConfig> load(Vertx vertx, Path file) {
    String path;
    if (file == null) {
      path = BUNDLED;
    } else if (!Files.isRegularFile(file)) {
      return Future.failedFuture(InvalidInputException.field("--config", file.toString(), "a readable YAML file"));
    } else {
      path = file.toAbsolutePath().toString();
    }
    for (String name : env.keySet()) {
      if (name.startsWith(ConfigKey.ENV_PREFIX) && !ConfigKeys.RESERVED_ENV.contains(name)
          && ConfigKeys.ofEnv(name) == null) {
        return Future.failedFuture(InvalidInputException.field("environment variable " + name, name,
            "one of the names HEALGUARD_<KEY> for a known key, e.g. HEALGUARD_HTTP_PORT"));
      }
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(-1)
        .setIncludeDefaultStores(false)
        .addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
            .setConfig(new JsonObject().put("path", path)))
        .addStore(new ConfigStoreOptions().setType("json").setConfig(envLayer()))
        .addStore(new ConfigStoreOptions().setType("json").setConfig(sysLayer()));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    String shown = file == null ? "bundled " + BUNDLED : file.toString();
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new InvalidInputException(
            "config file " + shown + " cannot be read as YAML: " + firstLine(e.getMessage()), e)))
        .map(json -> ConfigBinder.bind(layers(json), file == null ? null : directoryOf(file)))
        .eventually(retriever::close);
  }

  /** The HEALGUARD_* environment variables, as the env store would give them with raw data. */
  private JsonObject envLayer() {
    JsonObject o = new JsonObject();
    env.forEach((k, v) -> {
      if (k.startsWith(ConfigKey.ENV_PREFIX) && !ConfigKeys.RESERVED_ENV.contains(k)) o.put(k, v);
    });
    return o;
  }

  /** The healguard.* system properties, flat (the keys themselves contain dots). */
  private JsonObject sysLayer() {
    JsonObject o = new JsonObject();
    for (String k : sys.stringPropertyNames()) {
      if (k.startsWith(ConfigKey.SYS_PREFIX) && !ConfigKeys.RESERVED_SYS.contains(k)) o.put(k, sys.getProperty(k));
    }
    return o;
  }

  /**
   * Splits the merged JSON into file, env and -D settings by spelling, and applies the precedence
   * (file, then env, then -D) key by key.
   */
  Map<String, Setting> layers(JsonObject merged) {
    Map<String, Setting> out = new LinkedHashMap<>();
    Map<String, Setting> fromEnv = new LinkedHashMap<>();
    Map<String, Setting> fromSys = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : merged) {
      String name = e.getKey();
      if (name.startsWith(ConfigKey.ENV_PREFIX)) {
        String key = ConfigKeys.ofEnv(name).name();
        fromEnv.put(key, new Setting(key, e.getValue(), name));
      } else if (name.startsWith(ConfigKey.SYS_PREFIX)) {
        String key = name.substring(ConfigKey.SYS_PREFIX.length());
        fromSys.put(key, new Setting(key, e.getValue(), "-D" + name));
      } else {
        flatten(name, e.getValue(), out);
      }
    }
    out.putAll(fromEnv);
    out.putAll(fromSys);
    return out;
  }

  private static void flatten(String prefix, Object value, Map<String, Setting> out) {
    if (value instanceof JsonObject o && !ConfigKeys.known(prefix)) {
      for (Map.Entry<String, Object> e : o) {
        flatten(prefix + "." + e.getKey(), e.getValue(), out);
      }
      return;
    }
    out.put(prefix, new Setting(prefix, value, "file"));
  }

  /** The directory relative paths in {@code file} are resolved against: where the file is. */
  private static Path directoryOf(Path file) {
    Path dir = file.getParent();
    return dir == null ? Path.of("") : dir;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
