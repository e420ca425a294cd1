package io.healguard.api.auth;

import io.healguard.engine.InvalidInputException;
import java.util.Locale;

/** Roles in increasing power: a higher role may do everything a lower one may. */
public enum Role {
  REPORTER,
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean allows(Role required) {
    return compareTo(required) >= 0;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String field, Object value) {
    try {
      return valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field(field, String.valueOf(value), "one of reporter, viewer, operator, admin");
    }
  }
}
