package io.healguard.api.http;

import io.healguard.engine.InvalidInputException;

/** Query parameters shared by list endpoints. */
final class Params {
  private Params() {}

  static int limit(String s, int dflt, int max) {
    if (s == null || s.isBlank()) return dflt;
    try {
      int n = Integer.parseInt(s.trim());
      if (n >= 1 && n <= max) return n;
    } catch (NumberFormatException ignored) {
      // falls through to the message below
    }
    throw InvalidInputException.field("limit", s, "a whole number between 1 and " + max);
  }
}
