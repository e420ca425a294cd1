package io.healguard.engine.policy.internal;

import io.healguard.engine.decision.Action;
import io.healguard.engine.policy.Input;
import io.healguard.engine.rules.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The engine's hard guards in order: no table edit can restart through a hold or an open circuit,
 * or past the safety envelope. Only an operator's FORCE_RESTART passes. The order decides which
 * reason a decision names when several hold (a held unit says MANUAL_HOLD, not CIRCUIT_OPEN), and
 * the docs and the guard tests rely on it: add a guard at the place its reason should win.
 */
public final class HardGuards {
  private static final List<Guard> IN_ORDER = List.of(new HoldGuard(), new CircuitGuard(), new SafetyGuard());

  private HardGuards() {}

  /** {@code v}, or the first guard's BLOCK when {@code v} is a RESTART a guard stops. */
  public static Verdict apply(Verdict v, Input in, Guard.Case c) {
    if (v.action() != Action.RESTART || AuditMapping.isForce(in)) {
      return v;
    }
    for (Guard g : IN_ORDER) {
      Optional<Verdict> blocked = g.block(c);
      if (blocked.isPresent()) return blocked.get();
    }
    return v;
  }
}
