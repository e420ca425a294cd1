package io.healguard.engine.audit;

import io.healguard.engine.InvalidInputException;
import java.time.Instant;

/**
 * Which audit events an export or a retention job covers: {@code from <= at < until}, oldest
 * first, with no limit (unlike {@link AuditQuery}, which serves the API a page at a time). Null
 * means "any".
 */
public record AuditRange(String unit, AuditType type, Instant from, Instant until) {
  public static final AuditRange ALL = new AuditRange(null, null, null, null);

  public AuditRange {
    if (from != null && until != null && !from.isBefore(until)) {
      throw InvalidInputException.field("until", until, "after from (" + from + ")");
    }
  }

  public boolean matches(AuditEvent e) {
    return (unit == null || unit.equals(e.unit()))
        && (type == null || type == e.type())
        && (from == null || !e.at().isBefore(from))
        && (until == null || e.at().isBefore(until));
  }
}
