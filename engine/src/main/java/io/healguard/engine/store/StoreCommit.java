package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.decision.UnitState;
import java.util.List;

/** What one decision changed; stored atomically or not at all. Either state may be null. */
public record StoreCommit(UnitState unit, FleetState fleet, List<AuditEvent> events) {
  public StoreCommit {
    events = events == null ? List.of() : List.copyOf(events);
  }

  public static StoreCommit audit(AuditEvent e) {
    return new StoreCommit(null, null, List.of(e));
  }
}
