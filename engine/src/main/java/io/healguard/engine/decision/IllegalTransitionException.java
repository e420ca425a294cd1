package io.healguard.engine.decision;

/** A circuit transition outside the whitelist: a bug in the engine, never an input error. */
public final class IllegalTransitionException extends IllegalStateException {
  private IllegalTransitionException(String message) {
    super(message);
  }

  static IllegalTransitionException of(String unit, CircuitState from, CircuitState to, String why) {
    return new IllegalTransitionException(
        "unit " + unit + ": illegal circuit transition " + from + " -> " + to + " (" + why + ")");
  }
}
