package io.healguard.api.config;

import java.util.HashMap;
import java.util.Map;

/** The bound value of every key, typed by its declaration; what {@link ServiceConfig#from} reads. */
public final class ConfigValues {
  private final Map<ConfigKey<?>, Object> values = new HashMap<>();

  ConfigValues() {}

  <T> void put(ConfigKey<T> key, T value) {
    values.put(key, value);
  }

  @SuppressWarnings("unchecked") // put() only stores a key's own type
  public <T> T get(ConfigKey<T> key) {
    if (!values.containsKey(key)) {
      throw new IllegalStateException("config key " + key.name() + " was not bound");
    }
    return (T) values.get(key);
  }
}
