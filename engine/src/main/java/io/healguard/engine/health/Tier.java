package io.healguard.engine.health;

import io.healguard.engine.InvalidInputException;
import java.util.Locale;

/** How much a unit matters; each tier has its own thresholds row in the decision tables. */
public enum Tier {
  CRITICAL,
  STANDARD,
  BATCH;

  /** The spelling used in tables, configuration and scenarios. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Tier parse(String field, String value) {
    if (value == null || value.isBlank()) {
      return STANDARD;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field(field, value, "one of critical, standard, batch");
    }
  }
}
