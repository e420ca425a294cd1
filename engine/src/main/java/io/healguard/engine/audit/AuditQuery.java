package io.healguard.engine.audit;

import io.healguard.engine.InvalidInputException;
import java.time.Instant;

/** Filters for reading the audit trail, newest first. Null means "any". */
public record AuditQuery(String unit, AuditType type, Instant since, int limit) {
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.field("limit", limit, "between 1 and " + MAX_LIMIT);
    }
  }

  public static AuditQuery latest(int limit) {
    return new AuditQuery(null, null, null, limit);
  }

  public boolean matches(AuditEvent e) {
    return (unit == null || unit.equals(e.unit()))
        && (type == null || type == e.type())
        && (since == null || !e.at().isBefore(since));
  }
}
