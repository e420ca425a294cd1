package io.healguard.engine.decision;

import io.healguard.engine.InvalidInputException;
import java.util.Locale;

public enum DriftSeverity {
  ERROR,
  WARNING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DriftSeverity parse(String field, String value) {
    try {
      return valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field(field, value, "one of error, warning");
    }
  }
}
