package io.healguard.engine.policy;

import io.healguard.engine.InvalidInputException;
import java.util.Locale;

public enum OverrideMode {
  HOLD,
  RELEASE,
  FORCE_RESTART,
  RESET;

  public static OverrideMode parse(String field, String value) {
    try {
      return valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field(field, value, "one of HOLD, RELEASE, FORCE_RESTART, RESET");
    }
  }
}
