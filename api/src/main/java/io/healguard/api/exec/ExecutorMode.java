package io.healguard.api.exec;

import io.healguard.engine.InvalidInputException;
import java.util.Locale;

/** How a RESTART decision is carried out. */
public enum ExecutorMode {
  /** Decide only: the watchdog that asked acts on the answer. */
  ADVISORY,
  /** {@code systemctl restart -- UNIT}. */
  SYSTEMCTL,
  /** The configured argv template, {@code {unit}} replaced. */
  COMMAND;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ExecutorMode parse(String field, Object value) {
    try {
      return valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field(field, String.valueOf(value), "one of advisory, systemctl, command");
    }
  }
}
