package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Where a {@link LocalStateStore} makes its changes durable. */
public interface Journal extends AutoCloseable {
  StoredState load();

  /** Durable when it returns; all of the commit or nothing. */
  void write(StoreCommit commit);

  /**
   * Queues the commit without waiting: the future completes once it is durable (all or nothing),
   * commits completing in the order they were queued, or fails with a {@link
   * StoreUnavailableException}. The default writes at once.
   */
  default CompletableFuture<Void> writeAsync(StoreCommit commit) {
    try {
      write(commit);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  List<AuditEvent> audit(AuditQuery query);

  /** Every event in {@code range}, oldest first, handed to {@code each} as it is read. */
  void scanAudit(AuditRange range, Consumer<AuditEvent> each);

  /** Deletes the events before {@code cutoff} and returns how many it deleted. */
  long purgeAuditOlderThan(Instant cutoff);

  boolean healthy();

  String describe();

  @Override
  void close();
}
