package io.healguard.engine.policy;

public enum CircuitState {
  CLOSED,
  OPEN,
  HALF_OPEN
}
