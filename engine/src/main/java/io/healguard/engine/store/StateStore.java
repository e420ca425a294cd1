package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditExport;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.decision.UnitState;
import java.io.Writer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable unit state, fleet state and audit trail, and the serialization of decisions: {@link
 * #begin} gives one decision exclusive access to its unit. Implementations: {@link
 * LocalStateStore} for one process, over an embedded SQLite journal (the default) or over memory
 * (simulation), and {@link PostgresStateStore}, shared by replicas over one PostgreSQL database.
 */
public interface StateStore extends AutoCloseable {
  /** Waits for exclusive access to {@code unit}; the caller must close the transaction. */
  UnitTx begin(String unit);

  /**
   * Exclusive access to {@code unit} only if it can be had at once, without waiting on a lock, a
   * disk or a network; empty otherwise. Lets a caller on an event loop decide a read-only input
   * in place. The default (a store that must wait for its database) never can.
   */
  default java.util.Optional<UnitTx> tryBegin(String unit) {
    return java.util.Optional.empty();
  }

  Optional<UnitState> unit(String unit);

  /** Every stored unit's latest committed state. */
  Collection<UnitState> units();

  /** How many units are stored; a store over a database counts without reading every state. */
  default int unitCount() {
    return units().size();
  }

  /** Units other than {@code except} whose latest report is DOWN and at or after {@code since}. */
  default int freshDownUnits(Instant since, String except) {
    return freshDownUnits(since, except, Integer.MAX_VALUE);
  }

  /**
   * As {@link #freshDownUnits(Instant, String)}, but stops counting at {@code enough}: the storm
   * check only needs to know whether a threshold is reached, and during a storm every unit is
   * DOWN, so a full count walked the whole fleet on every DOWN report, when it mattered most.
   */
  int freshDownUnits(Instant since, String except, int enough);

  /** The latest reported status of a unit, or null when it never reported. */
  HealthStatus latestStatus(String unit);

  FleetState fleet();

  /** Stores an event that belongs to no unit decision (policy activation, executor outcome). */
  void appendAudit(AuditEvent event);

  List<AuditEvent> audit(AuditQuery query);

  /** Every audit event in {@code range}, oldest first, streamed: for exports of any size. */
  void scanAudit(AuditRange range, Consumer<AuditEvent> each);

  /** Writes the events in {@code range} as JSON lines, oldest first; returns how many. */
  default long exportAudit(AuditRange range, Writer out) {
    AuditExport export = new AuditExport(out);
    scanAudit(range, export);
    return export.count();
  }

  /**
   * Retention: deletes audit events with {@code at} before {@code cutoff}; returns how many. Unit
   * and fleet state are untouched.
   */
  long purgeAuditOlderThan(Instant cutoff);

  /**
   * Makes durable the last reports published without a write ({@link UnitTx#publishVolatile}) and
   * returns how many units it wrote; the stores run it every second on their own and at close, so
   * after a crash a unit's last report is at most that old. Returns once the writes are durable.
   */
  default int flushReports() {
    return 0;
  }

  /** True while a write can succeed; the service's readiness. */
  boolean writable();

  /** Kind and location for logs and health, never credentials. */
  String describe();

  @Override
  void close();
}
