package io.healguard.api.config;

import io.healguard.engine.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the merged settings into a {@link ServiceConfig}, key by key as {@link ConfigKeys}
 * declares them, or throws one {@link InvalidInputException} naming the key, the value and what
 * is allowed (and where the value came from when it was an override).
 *
 * <p>Relative paths: a value written in the configuration file is resolved against the file's
 * directory; a default or an override (environment, {@code -D}) against the working directory,
 * as an operator typing a command expects.
 */
public final class ConfigBinder {
  private ConfigBinder() {}

  /**
   * Binds settings keyed by config key; a key not given takes its default.
   *
   * @param fileDir the configuration file's directory, or null when there is none (bundled)
   */
  static ServiceConfig bind(Map<String, Setting> settings, Path fileDir) {
    for (String key : settings.keySet()) {
      if (!ConfigKeys.known(key)) {
        throw InvalidInputException.field("config key " + key + " (" + settings.get(key).origin() + ")",
            key, "one of " + String.join(", ", ConfigKeys.ALL.stream().map(ConfigKey::name).toList()));
      }
    }
    ConfigValues values = new ConfigValues();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      bindOne(key, settings.getOrDefault(key.name(), Setting.defaulted(key)), fileDir, values);
    }
    return ServiceConfig.from(values);
  }

  /**
   * Binds values given by code (tests, benchmarks) through the same validation; keys left out
   * take their defaults. Relative paths are relative to the working directory.
   */
  public static ServiceConfig bind(Map<String, ?> given) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    given.forEach((k, v) -> settings.put(k, new Setting(k, v, "file")));
    return bind(settings, null);
  }

  private static <T> void bindOne(ConfigKey<T> key, Setting s, Path fileDir, ConfigValues into) {
    boolean fromFile = "file".equals(s.origin());
    try {
      into.put(key, key.type().parse(key.name(), s.value(), fromFile ? fileDir : null));
    } catch (InvalidInputException e) {
      if (fromFile || "default".equals(s.origin())) {
        throw e;
      }
      throw new InvalidInputException(e.getMessage() + " (from " + s.origin() + ")");
    }
  }
}
