package io.healguard.engine.policy;

import java.util.List;

/**
 * Reason codes whose state transitions Java applies after a table decided. The tables may use
 * any of these; a reason not listed here changes no circuit, window or backoff.
 */
public final class Reasons {
  public static final String HEALTHY = "HEALTHY";
  public static final String CIRCUIT_CLOSED = "CIRCUIT_CLOSED";
  public static final String BACKOFF_RESET = "BACKOFF_RESET";
  public static final String BELOW_THRESHOLD = "BELOW_THRESHOLD";
  public static final String DEGRADED_PERSISTENT = "DEGRADED_PERSISTENT";
  public static final String MANUAL_HOLD = "MANUAL_HOLD";
  public static final String RUNTIME_DRIFT = "RUNTIME_DRIFT";
  public static final String NON_TRANSIENT_FAILURE = "NON_TRANSIENT_FAILURE";
  public static final String DEPENDENCY_DOWN = "DEPENDENCY_DOWN";
  public static final String FLEET_STORM = "FLEET_STORM";
  public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";
  public static final String HALF_OPEN_PROBE = "HALF_OPEN_PROBE";
  public static final String PROBE_FAILED = "PROBE_FAILED";
  public static final String COOLDOWN_ACTIVE = "COOLDOWN_ACTIVE";
  public static final String CHURN_LIMIT_REACHED = "CHURN_LIMIT_REACHED";
  public static final String SAFETY_ENVELOPE = "SAFETY_ENVELOPE";
  public static final String RESTART_PERMITTED = "RESTART_PERMITTED";
  public static final String HOLD_SET = "HOLD_SET";
  public static final String HOLD_RELEASED = "HOLD_RELEASED";
  public static final String MANUAL_RESET = "MANUAL_RESET";
  public static final String MANUAL_FORCE = "MANUAL_FORCE";
  public static final String DRIFT_WARNING = "DRIFT_WARNING";
  public static final String DRIFT_CLEARED = "DRIFT_CLEARED";
  public static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";

  /**
   * Every reason code of runbook v1, in the order the runbook lists them. The last,
   * STORE_UNAVAILABLE, is the engine's own (no table row decides it).
   */
  public static final List<String> ALL =
      List.of(
          HEALTHY, CIRCUIT_CLOSED, BACKOFF_RESET, BELOW_THRESHOLD, DEGRADED_PERSISTENT, MANUAL_HOLD,
          RUNTIME_DRIFT, NON_TRANSIENT_FAILURE, DEPENDENCY_DOWN, FLEET_STORM, CIRCUIT_OPEN, HALF_OPEN_PROBE, PROBE_FAILED,
          COOLDOWN_ACTIVE, CHURN_LIMIT_REACHED, SAFETY_ENVELOPE, RESTART_PERMITTED, HOLD_SET,
          HOLD_RELEASED, MANUAL_RESET, MANUAL_FORCE, DRIFT_WARNING, DRIFT_CLEARED, STORE_UNAVAILABLE);

  private Reasons() {}
}
