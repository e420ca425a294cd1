package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import java.util.List;

/**
 * Durable unit state, fleet state and audit trail. {@link #commit} returns only once the change is
 * durable (a decision is acknowledged only after that), and a commit is all or nothing.
 * Implementations: {@link SqliteStateStore} (embedded default), {@link InMemoryStateStore}
 * (simulation and what-if).
 */
public interface StateStore extends AutoCloseable {
  StoredState load();

  /** @throws StoreUnavailableException when the change could not be made durable */
  void commit(StoreCommit commit);

  List<AuditEvent> audit(AuditQuery query);

  /** True while a write can succeed; the service's readiness. */
  boolean writable();

  /** A short description for logs and health: kind and location, never credentials. */
  String describe();

  @Override
  void close();
}
