package io.healguard.engine.policy.internal;

import io.healguard.engine.decision.UnitState;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import java.time.Instant;
import java.util.Optional;

/**
 * One hard guard over a RESTART the table permitted: the BLOCK that replaces it, or empty to let
 * it pass. {@link HardGuards} composes them in order; a guard decides from the case alone.
 */
public interface Guard {
  Optional<Verdict> block(Case c);

  /**
   * What a guard may look at: the facts the table saw, the unit's state they were computed from
   * (typed, for what the facts carry only as text) and the policy that names the recommendation.
   */
  record Case(Situation facts, UnitState state, Instant now, PolicySnapshot policy) {}
}
