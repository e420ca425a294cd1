package io.healguard.engine.policy.internal;

import io.healguard.engine.decision.Action;
import io.healguard.engine.policy.Guards;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.rules.Verdict;
import java.util.Optional;

/** No restart through an operator's hold while it is active. */
final class HoldGuard implements Guard {
  @Override
  public Optional<Verdict> block(Case c) {
    if (!c.facts().isHoldActive()) return Optional.empty();
    return Optional.of(Verdict.guard(Action.BLOCK, Reasons.MANUAL_HOLD,
        c.policy().recommendationFor(Reasons.MANUAL_HOLD), Guards.GUARD_HOLD));
  }
}
