package io.healguard.engine.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Exclusive access to one unit's state for one decision: while it is open no other decision for
 * that unit (in this process or, with a shared database, in any replica) can read or write it.
 * {@link #commit} makes the change durable; closing without a commit changes nothing.
 */
public interface UnitTx extends AutoCloseable {
  /** The unit's latest committed state, or null for a unit never stored. */
  io.healguard.engine.decision.UnitState state();

  /**
   * Locks the fleet state for the rest of this transaction and returns it. Taken inside a unit
   * transaction only, never the other way round, so the two locks cannot deadlock.
   */
  FleetState lockFleet();

  /**
   * {@link #lockFleet} only if the fleet lock is free at once; null otherwise (and always for a
   * store whose locks live in a database: those are only taken by threads that may wait).
   */
  default FleetState tryLockFleet() {
    return null;
  }

  /**
   * Gives the fleet lock back before the commit, for a decision that read the fleet state and
   * changes none of it; the unit stays locked. A commit after it must carry no fleet state.
   */
  void releaseFleet();

  /** @throws StoreUnavailableException when the change could not be made durable */
  void commit(StoreCommit commit);

  /**
   * Commits without waiting for the disk and ends the transaction: the unit stays locked until the
   * commit is durable (or failed), then the new state is published and the lock released, on the
   * store's own thread. The returned stage completes after that, or fails with a {@link
   * StoreUnavailableException}. Lets an event loop decide a report that writes, without a thread
   * parked on the disk. The default commits and closes at once, on the caller's thread.
   */
  default CompletionStage<Void> commitAndClose(StoreCommit commit) {
    try {
      commit(commit);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      close();
    }
  }

  /**
   * Shows a state that differs from the stored one only in what operators read (last report, last
   * decision), without a durable write: a steady stream of UP reports must not cost a disk sync
   * each, but the unit view should still show the latest one. A store without a local cache may
   * ignore it.
   */
  default void publishVolatile(io.healguard.engine.decision.UnitState state) {}

  @Override
  void close();
}
