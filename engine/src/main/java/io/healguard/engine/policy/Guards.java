package io.healguard.engine.policy;

/**
 * The rule names of the engine's hard guards, as decisions and the generated docs show them. The
 * guards run after the gates table, in this order, on a RESTART only (an operator's FORCE_RESTART
 * passes them all): a hold, then an open circuit in cool-off, then the safety envelope. The first
 * that blocks names the decision. {@link #GUARD_STORE} is no guard of a table's verdict: it names
 * the answer when the store cannot read or make durable the unit's state.
 */
public final class Guards {
  public static final String GUARD_HOLD = "guard:hold";
  public static final String GUARD_CIRCUIT = "guard:circuit-open";
  public static final String GUARD_SAFETY = "guard:safety.max-restarts-per-hour";
  public static final String GUARD_STORE = "guard:store";

  private Guards() {}
}
