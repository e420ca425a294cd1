package io.healguard.engine.decision;

import java.util.Map;
import java.util.Set;

/**
 * The whitelist of circuit transitions. Every change of a unit's circuit goes through {@link
 * #check}, so a wrong reason mapping fails loudly instead of silently corrupting state.
 */
public final class CircuitTransitions {
  private static final Map<CircuitState, Set<CircuitState>> ALLOWED =
      Map.of(
          CircuitState.CLOSED, Set.of(CircuitState.OPEN, CircuitState.CLOSED),
          // OPEN -> HALF_OPEN: the probe; OPEN -> CLOSED: stable after the cool-off or a reset
          CircuitState.OPEN, Set.of(CircuitState.HALF_OPEN, CircuitState.CLOSED, CircuitState.OPEN),
          // HALF_OPEN -> OPEN: the probe failed; HALF_OPEN -> CLOSED: stable after the probe
          CircuitState.HALF_OPEN, Set.of(CircuitState.OPEN, CircuitState.CLOSED));

  private CircuitTransitions() {}

  public static Circuit check(String unit, Circuit from, Circuit to, String why) {
    if (!ALLOWED.get(from.state()).contains(to.state())) {
      throw IllegalTransitionException.of(unit, from.state(), to.state(), why);
    }
    return to;
  }
}
