package io.healguard.api.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key, declared once in {@link ConfigKeys}: its name, how its value is parsed
 * and validated, its default (as it would be written in the YAML file), where the service reads
 * it in {@link ServiceConfig}, and the text of the "allowed" column in docs/service.md.
 */
public record ConfigKey<T>(
    String name, ValueType<T> type, Object defaultValue, Function<ServiceConfig, T> read, String doc) {
  public static final String ENV_PREFIX = "HEALGUARD_";
  public static final String SYS_PREFIX = "healguard.";

  public ConfigKey {
    if (name == null || !name.matches("[a-z]+(\\.[a-z][a-z-]*)*")) {
      throw new IllegalArgumentException("config key name must be dotted lower-case words, but was " + name);
    }
  }

  /** {@code http.port} → {@code HEALGUARD_HTTP_PORT}. */
  public String envName() {
    return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** {@code http.port} → {@code healguard.http.port}. */
  public String sysName() {
    return SYS_PREFIX + name;
  }

  /** The value as the start-up log shows it. */
  public Object shown(ServiceConfig config) {
    return type.show(read.apply(config));
  }
}
