package io.healguard.api.config;

import java.nio.file.Path;

/**
 * How one key's raw value (from YAML, an environment variable or a {@code -D} property) becomes
 * its typed value, and how the typed value is shown in the start-up log. A parse failure throws
 * {@link io.healguard.engine.InvalidInputException} naming the key, the value and what is allowed.
 */
public interface ValueType<T> {
  /**
   * @param base the directory a relative path is resolved against: the configuration file's
   *     directory for a value written in the file, null (the working directory) otherwise
   */
  T parse(String key, Object raw, Path base);

  /** The value as the start-up log shows it (secrets masked). */
  default Object show(T value) {
    return value;
  }

  /** True when the value is a list (an override gives it as a JSON array). */
  default boolean isList() {
    return false;
  }
}
