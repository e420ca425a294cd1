package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import java.util.List;

/** Where a {@link LocalStateStore} makes its changes durable. */
public interface Journal extends AutoCloseable {
  StoredState load();

  /** Durable when it returns; all of the commit or nothing. */
  void write(StoreCommit commit);

  List<AuditEvent> audit(AuditQuery query);

  boolean healthy();

  String describe();

  @Override
  void close();
}
