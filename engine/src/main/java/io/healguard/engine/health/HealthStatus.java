package io.healguard.engine.health;

import io.healguard.engine.InvalidInputException;
import java.util.Locale;

/** What a reporter saw of a unit. */
public enum HealthStatus {
  UP,
  DEGRADED,
  DOWN;

  public static HealthStatus parse(String field, String value) {
    if (value == null) {
      throw InvalidInputException.field(field, null, "one of UP, DEGRADED, DOWN");
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field(field, value, "one of UP, DEGRADED, DOWN");
    }
  }
}
