package io.healguard.engine.drift.internal;

/** Where something was read: host file, 1-based line or null, and the unit it belongs to or null. */
public record Site(String file, Integer line, String unit) {
  public Site at(int newLine) {
    return new Site(file, newLine, unit);
  }
}
