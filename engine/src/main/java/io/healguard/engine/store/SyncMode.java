package io.healguard.engine.store;

import io.healguard.engine.InvalidInputException;
import java.util.Locale;

/**
 * How hard a commit is pushed to disk. FULL (default) syncs every group commit: acknowledged state
 * survives power loss. NORMAL leaves syncing to checkpoints: it survives a killed process
 * (kill -9), not a power cut.
 */
public enum SyncMode {
  FULL,
  NORMAL;

  public static SyncMode parse(String key, String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw InvalidInputException.field(key, value, "one of full, normal");
    }
  }
}
