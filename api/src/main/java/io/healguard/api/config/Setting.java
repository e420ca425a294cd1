package io.healguard.api.config;

/** One configuration value as found, with where it came from so an error can point at it. */
record Setting(String key, Object value, String origin) {
  static Setting defaulted(String key) {
    return new Setting(key, ConfigKeys.DEFAULTS.get(key), "default");
  }
}
