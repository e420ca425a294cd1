package io.healguard.engine.drift;

/** How much a finding matters: only {@link #ERROR} fails a deploy gate. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
