package io.healguard.engine.decision;

public enum CircuitState {
  CLOSED,
  OPEN,
  HALF_OPEN
}
