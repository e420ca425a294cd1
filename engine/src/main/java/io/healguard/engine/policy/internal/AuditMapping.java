package io.healguard.engine.policy.internal;

import io.healguard.engine.audit.AuditType;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.json.Durations;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.rules.Thresholds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a decision reads in the audit: which event type it is (if any), the input as replayable
 * fields, the cause and its classification, the counters. The audit's JSON shape is read by
 * operators, the console and the replay; change a key here and those change with it.
 */
public final class AuditMapping {
  private AuditMapping() {}

  /** The event a decision is audited as; null for one that changes nothing worth a line. */
  public static AuditType auditType(Input in, Decision d, UnitState before, UnitState after, Thresholds th) {
    if (in instanceof Input.OperatorOverride) return AuditType.OVERRIDE_SET;
    switch (d.action()) {
      case RESTART:
        return AuditType.RESTART;
      case BLOCK:
        return AuditType.RESTART_BLOCKED;
      case ESCALATE:
        return AuditType.ESCALATED;
      default:
        break;
    }
    if (in instanceof Input.Drift || in instanceof Input.DriftClear) {
      return before.drift().equals(after.drift()) ? null : AuditType.DRIFT_CHANGED;
    }
    if (d.action() == Action.RECOMMEND && after.degradedCount() == th.failures()) {
      return AuditType.RECOMMENDED;
    }
    if (Reasons.CIRCUIT_CLOSED.equals(d.reason()) || Reasons.BACKOFF_RESET.equals(d.reason())) {
      return AuditType.STATE_CHANGED;
    }
    return null;
  }

  public static boolean isForce(Input in) {
    return in instanceof Input.OperatorOverride o && o.mode() == OverrideMode.FORCE_RESTART;
  }

  public static String actor(Input in) {
    return in instanceof Input.OperatorOverride o ? o.actor() : null;
  }

  public static String describe(Input in) {
    return in.kind() + " " + in.event();
  }

  /** The input as the audit keeps it: enough to replay it. */
  public static Map<String, Object> inputOf(Input in) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", in.kind());
    m.put("unit", in.unit());
    if (in instanceof Input.Report r) {
      m.put("status", r.report().status().name());
      if (r.report().observedAt() != null) m.put("observedAt", r.report().observedAt().toString());
      if (r.report().source() != null) m.put("source", r.report().source());
      if (r.report().detail() != null) m.put("detail", r.report().detail());
      if (r.report().cause() != null) m.put("cause", causeOf(r.report().cause()));
    } else if (in instanceof Input.OperatorOverride o) {
      m.put("mode", o.mode().name());
      m.put("reason", o.reason());
      if (o.ttl() != null) m.put("ttl", Durations.format(o.ttl()));
    } else if (in instanceof Input.Drift dr) {
      m.put("severity", dr.finding().severity().label());
      m.put("driftKind", dr.finding().kind());
      if (dr.finding().detail() != null) m.put("detail", dr.finding().detail());
    } else if (in instanceof Input.DriftClear c) {
      m.put("clear", c.kindToClear() == null ? "all" : c.kindToClear());
    }
    return m;
  }

  /** A cause as reports send it: only the fields it has. */
  public static Map<String, Object> causeOf(FailureCause c) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (c.result() != null) m.put("result", c.result());
    if (c.exitCode() != null) m.put("exitCode", c.exitCode());
    if (c.exitStatus() != null) m.put("exitStatus", c.exitStatus());
    if (c.signal() != null) m.put("signal", c.signal());
    if (c.logTail() != null) m.put("logTail", c.logTail());
    return m;
  }

  public static Map<String, Object> classificationOf(Classification c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("causeClass", c.causeClass().name());
    if (c.row() != null) m.put("row", c.row());
    if (c.matchedLine() != null) m.put("matchedLine", c.matchedLine());
    return m;
  }

  /** The decision's counters as the audit detail carries them (a mutable map: callers add to it). */
  public static Map<String, Object> counters(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    UnitSnapshot s = d.state();
    m.put("circuit", s.circuit().name());
    m.put("restartsInWindow", s.restartsInWindow());
    m.put("maxRestarts", s.maxRestarts());
    m.put("window", s.window());
    m.put("backoffStep", s.backoffStep());
    if (s.cooldownUntil() != null) m.put("cooldownUntil", s.cooldownUntil().toString());
    if (s.nextRestartAllowedAt() != null) m.put("nextRestartAllowedAt", s.nextRestartAllowedAt().toString());
    m.put("recommendation", d.recommendation().code());
    return m;
  }
}
