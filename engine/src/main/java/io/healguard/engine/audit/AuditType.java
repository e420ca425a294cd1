package io.healguard.engine.audit;

/** Kinds of audit events. */
public enum AuditType {
  /** A RESTART decision (policy restart, half-open probe or operator force). */
  RESTART,
  /** A BLOCK of an eligible restart. */
  RESTART_BLOCKED,
  ESCALATED,
  RECOMMENDED,
  /** A circuit closed or the backoff reset. */
  STATE_CHANGED,
  OVERRIDE_SET,
  HOLD_EXPIRED,
  DRIFT_CHANGED,
  /** An executor ran a restart; detail has exit code, duration and stderr tail. */
  RESTART_EXECUTED,
  POLICY_ACTIVATED,
  POLICY_REJECTED,
  POLICY_ROLLED_BACK
}
