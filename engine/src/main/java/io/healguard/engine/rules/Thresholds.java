package io.healguard.engine.rules;

import io.healguard.engine.health.Tier;
import java.time.Duration;

/**
 * One tier's numbers, read from its thresholds row when a policy is compiled. The compact
 * constructor is the range check the policy gate applies to every table edit.
 */
public record Thresholds(
    Tier tier,
    int failures,
    Duration baseCooldown,
    Duration cooldownCap,
    int maxRestarts,
    Duration window,
    Duration cooloff,
    Duration cooloffCap,
    Duration stablePeriod,
    String row) {

  public static final Duration MAX_DURATION = Duration.ofDays(7);

  public Thresholds {
    range("failures", failures, 1, 100);
    range("maxRestarts", maxRestarts, 1, 1000);
    positive("baseCooldown", baseCooldown);
    positive("cooldownCap", cooldownCap);
    positive("window", window);
    positive("cooloff", cooloff);
    positive("cooloffCap", cooloffCap);
    if (stablePeriod == null || stablePeriod.isNegative() || stablePeriod.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("stablePeriod must be between 0s and 7d, but was " + stablePeriod);
    }
    if (cooldownCap.compareTo(baseCooldown) < 0) {
      throw new IllegalArgumentException(
          "cooldownCap must be >= baseCooldown (" + baseCooldown + "), but was " + cooldownCap);
    }
    if (cooloffCap.compareTo(cooloff) < 0) {
      throw new IllegalArgumentException(
          "cooloffCap must be >= cooloff (" + cooloff + "), but was " + cooloffCap);
    }
  }

  /** Cooldown after the k-th restart since the last backoff reset: min(base × 2^(k-1), cap). */
  public Duration cooldownAfter(int k) {
    if (k <= 0) {
      return Duration.ZERO;
    }
    Duration d = baseCooldown;
    for (int i = 1; i < k && d.compareTo(cooldownCap) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(cooldownCap) > 0 ? cooldownCap : d;
  }

  /** The cool-off after a failed probe: doubled, up to its cap. */
  public Duration doubledCooloff(Duration current) {
    Duration d = (current == null ? cooloff : current).multipliedBy(2);
    return d.compareTo(cooloffCap) > 0 ? cooloffCap : d;
  }

  private static void range(String name, int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", but was " + v);
    }
  }

  /** Any duration above zero counts, sub-second ones included (tests and scenarios use them); at most 7d. */
  private static void positive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(name + " must be more than 0s and at most 7d, but was " + d);
    }
  }
}
