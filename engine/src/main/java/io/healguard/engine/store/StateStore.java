package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.policy.UnitState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Durable unit state, fleet state and audit trail, and the serialization of decisions: {@link
 * #begin} gives one decision exclusive access to its unit. Implementations: {@link
 * LocalStateStore} over an embedded SQLite journal (the default) or over memory (simulation).
 */
public interface StateStore extends AutoCloseable {
  /** Waits for exclusive access to {@code unit}; the caller must close the transaction. */
  UnitTx begin(String unit);

  Optional<UnitState> unit(String unit);

  /** Every stored unit's latest committed state. */
  Collection<UnitState> units();

  /** Units other than {@code except} whose latest report is DOWN and at or after {@code since}. */
  int freshDownUnits(Instant since, String except);

  /** The latest reported status of a unit, or null when it never reported. */
  HealthStatus latestStatus(String unit);

  FleetState fleet();

  /** Stores an event that belongs to no unit decision (policy activation, executor outcome). */
  void appendAudit(AuditEvent event);

  List<AuditEvent> audit(AuditQuery query);

  /** True while a write can succeed; the service's readiness. */
  boolean writable();

  /** Kind and location for logs and health, never credentials. */
  String describe();

  @Override
  void close();
}
