package io.healguard.engine.policy;

/**
 * The hard limit that configuration sets and no table can lift: at most {@code maxRestartsPerHour}
 * policy restarts per unit in any hour, and never a policy restart through a hold or an open
 * circuit. Only an operator's FORCE_RESTART passes it.
 */
public record SafetyEnvelope(int maxRestartsPerHour) {
  public static final SafetyEnvelope DEFAULT = new SafetyEnvelope(10);

  public SafetyEnvelope {
    if (maxRestartsPerHour < 1 || maxRestartsPerHour > 1000) {
      throw new io.healguard.engine.InvalidInputException(
          "safety.max-restarts-per-hour must be between 1 and 1000, but was " + maxRestartsPerHour);
    }
  }
}
