package io.healguard.engine.rules;

import java.time.Duration;

/**
 * When the fleet is in a storm: at least {@code minUnits} units, and at least {@code minPercent}
 * of the known units, have a latest report of DOWN no older than {@code freshness}.
 */
public record StormSettings(int minUnits, int minPercent, Duration freshness, String row) {
  public StormSettings {
    if (minUnits < 2 || minUnits > 10_000) {
      throw new IllegalArgumentException("minUnits must be between 2 and 10000, but was " + minUnits);
    }
    if (minPercent < 1 || minPercent > 100) {
      throw new IllegalArgumentException("minPercent must be between 1 and 100, but was " + minPercent);
    }
    if (freshness == null || freshness.isZero() || freshness.isNegative() || freshness.toHours() > 24) {
      throw new IllegalArgumentException("freshness must be between 1s and 24h, but was " + freshness);
    }
  }

  public boolean isStorm(int downUnits, int knownUnits) {
    return downUnits >= minUnits && downUnits * 100L >= (long) minPercent * knownUnits;
  }

  /** The fewest DOWN units that make a storm among {@code knownUnits}: where {@link #isStorm} turns true. */
  public int unitsNeeded(int knownUnits) {
    long byPercent = ((long) minPercent * Math.max(0, knownUnits) + 99) / 100;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(minUnits, byPercent));
  }
}
