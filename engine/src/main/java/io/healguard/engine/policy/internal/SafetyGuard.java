package io.healguard.engine.policy.internal;

import io.healguard.engine.decision.Action;
import io.healguard.engine.policy.Guards;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.rules.Verdict;
import java.util.Optional;

/** No restart past the safety envelope (restarts per hour of one unit), whatever a table says. */
final class SafetyGuard implements Guard {
  @Override
  public Optional<Verdict> block(Case c) {
    if (!c.facts().isSafetyEnvelopeReached()) return Optional.empty();
    return Optional.of(Verdict.guard(Action.BLOCK, Reasons.SAFETY_ENVELOPE,
        c.policy().recommendationFor(Reasons.SAFETY_ENVELOPE), Guards.GUARD_SAFETY));
  }
}
