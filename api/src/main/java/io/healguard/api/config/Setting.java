package io.healguard.api.config;

/**
 * One configuration value as found, with where it came from so an error can point at it:
 * {@code file}, {@code default}, or the override's name ({@code HEALGUARD_HTTP_PORT},
 * {@code -Dhealguard.http.port}).
 */
record Setting(String key, Object value, String origin) {
  static Setting defaulted(ConfigKey<?> key) {
    return new Setting(key.name(), key.defaultValue(), "default");
  }
}
