package io.healguard.engine.audit;

import io.healguard.engine.decision.Decision;
import java.time.Instant;
import java.util.Map;

/**
 * One audited event. {@code input} is what came in (report, override, drift finding) with enough
 * detail to replay it; {@code detail} holds event-specific facts (counters, executor outcome,
 * rejection messages). Tokens and secrets never go in here.
 */
public record AuditEvent(
    String id,
    Instant at,
    AuditType type,
    String unit,
    String actor,
    Map<String, Object> input,
    String action,
    String reason,
    String rule,
    String policyVersion,
    Map<String, Object> detail) {

  public static AuditEvent ofDecision(
      AuditType type, Decision d, String actor, Map<String, Object> input, Map<String, Object> detail) {
    // the decision's id: a caller holding a decision can find its audit event
    return new AuditEvent(d.id(), d.at(), type, d.unit(), actor, input, d.action().name(), d.reason(),
        d.rule(), d.policyVersion(), detail);
  }

  public static AuditEvent of(
      AuditType type, Instant at, String unit, String actor, String reason, String policyVersion,
      Map<String, Object> detail) {
    return new AuditEvent(newId(), at, type, unit, actor, null, null, reason, null, policyVersion, detail);
  }

  static String newId() {
    return EventIds.next();
  }
}
