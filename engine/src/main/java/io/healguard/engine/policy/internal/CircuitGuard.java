package io.healguard.engine.policy.internal;

import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Circuit;
import io.healguard.engine.policy.Guards;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.rules.Verdict;
import java.util.Optional;

/**
 * No restart while the circuit is open in its cool-off. Once the cool-off is over the table's
 * probe restart passes: that is the half-open state not yet stored (see {@link Circuit}).
 */
final class CircuitGuard implements Guard {
  @Override
  public Optional<Verdict> block(Case c) {
    if (!(c.state().circuit() instanceof Circuit.Open open) || open.cooloffOver(c.now())) {
      return Optional.empty();
    }
    return Optional.of(Verdict.guard(Action.BLOCK, Reasons.CIRCUIT_OPEN,
        c.policy().recommendationFor(Reasons.CIRCUIT_OPEN), Guards.GUARD_CIRCUIT));
  }
}
