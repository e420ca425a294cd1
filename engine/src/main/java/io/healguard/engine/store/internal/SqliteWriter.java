package io.healguard.engine.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.json.Json;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite journal's group commit: one writer thread takes whatever commits are waiting and
 * writes them in one transaction, so under load many decisions share one disk sync and each
 * caller still hears back only after its own change is durable. A commit not durable within the
 * timeout fails (and is then never written), so a hung disk answers STORE_UNAVAILABLE instead of
 * holding units locked.
 */
final class SqliteWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
  private static final int MAX_BATCH = 512;

  private final Path file;
  private final long commitTimeoutNanos;
  private final Connection writer;
  /** Prepared once, used by the writer thread only: preparing per batch cost a third of its time. */
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement upsertUnit;
  private final PreparedStatement upsertFleet;
  private final PreparedStatement insertAudit;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8192);
  private final Thread writerThread;
  private final ScheduledExecutorService overdueCheck;
  private volatile boolean closed;
  private volatile boolean healthy = true;
  /** The batch the writer is on, for the overdue check; empty between batches. */
  private volatile List<Pending> inFlight = List.of();

  private record Pending(StoreCommit commit, CompletableFuture<Void> done, long queuedNanos) {}

  /** Takes over {@code writer} (closed with this) and starts the writer thread. */
  SqliteWriter(Path file, Connection writer, Duration commitTimeout) throws SQLException {
    this.file = file;
    this.writer = writer;
    this.commitTimeoutNanos = commitTimeout.toNanos();
    begin = writer.prepareStatement("BEGIN IMMEDIATE");
    commit = writer.prepareStatement("COMMIT");
    rollback = writer.prepareStatement("ROLLBACK");
    upsertUnit = writer.prepareStatement(
        "INSERT INTO unit_state (unit, state, updated_ms) VALUES (?, ?, ?) "
            + "ON CONFLICT (unit) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms");
    upsertFleet = writer.prepareStatement(
        "INSERT INTO fleet_state (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state");
    insertAudit = writer.prepareStatement("INSERT INTO audit (id, at_ms, type, unit, event) VALUES (?, ?, ?, ?, ?)");
    writerThread = new Thread(this::writeLoop, "healguard-store-writer");
    writerThread.setDaemon(true);
    writerThread.start();
    overdueCheck = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "healguard-store-overdue");
      t.setDaemon(true);
      return t;
    });
    overdueCheck.scheduleWithFixedDelay(this::failOverdue, 200, 200, TimeUnit.MILLISECONDS);
  }

  /** Durable when it returns; all of the commit or nothing. */
  void write(StoreCommit commit) {
    if (closed) {
      throw new StoreUnavailableException("store " + file + " is closed", null);
    }
    Pending p = new Pending(commit, new CompletableFuture<>(), System.nanoTime());
    try {
      // a caller that may block waits for room in a full queue, as it waits for the disk
      if (!queue.offer(p, commitTimeoutNanos, TimeUnit.NANOSECONDS)) {
        throw new StoreUnavailableException("store " + file + " is overloaded: commit queue full", null);
      }
      p.done().get(commitTimeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      StoreUnavailableException failure = new StoreUnavailableException("interrupted while committing to " + file, e);
      if (p.done().completeExceptionally(failure) || p.done().isCompletedExceptionally()) throw failure;
      // durable after all
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StoreUnavailableException u ? u
          : new StoreUnavailableException("commit to " + file + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      // as the overdue check does: a commit still queued is never written once its caller was told
      StoreUnavailableException failure = new StoreUnavailableException("commit to " + file + " timed out", e);
      if (p.done().completeExceptionally(failure) || p.done().isCompletedExceptionally()) {
        healthy = false;
        throw failure;
      }
      // it became durable between the timeout and here: that is the answer
    }
  }

  /**
   * Queues the commit without waiting; the future completes on the writer thread once the commit
   * is durable, in queue order, or fails with a {@link StoreUnavailableException}. A full queue
   * fails at once rather than block the caller (an event loop, possibly).
   */
  CompletableFuture<Void> writeAsync(StoreCommit commit) {
    if (closed) {
      return CompletableFuture.failedFuture(new StoreUnavailableException("store " + file + " is closed", null));
    }
    Pending p = new Pending(commit, new CompletableFuture<>(), System.nanoTime());
    if (!queue.offer(p)) {
      return CompletableFuture.failedFuture(
          new StoreUnavailableException("store " + file + " is overloaded: " + queue.size() + " commits queued", null));
    }
    return p.done();
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        // a commit that failed as overdue while queued was answered STORE_UNAVAILABLE and its unit
        // released without its state: writing it now would put on disk what nobody was told
        batch.removeIf(p -> p.done().isDone());
        if (batch.isEmpty()) continue;
        inFlight = List.copyOf(batch);
        write(batch);
        healthy = true;
        batch.forEach(p -> p.done().complete(null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        healthy = false;
        LOG.error("store write of {} commits failed: {}", batch.size(), e.toString());
        StoreUnavailableException failure =
            new StoreUnavailableException("commit to " + file + " failed: " + e.getMessage(), e);
        batch.forEach(p -> p.done().completeExceptionally(failure));
      } finally {
        inFlight = List.of();
        batch.clear();
      }
    }
  }

  /**
   * A caller that queued without waiting (see {@link #writeAsync}) still gets an answer when the
   * disk hangs: commits older than the timeout fail, as a waiting {@link #write} would, so their
   * units' locks are freed and the service answers STORE_UNAVAILABLE. A failed commit still in the
   * queue is never written; one the writer had already taken (its batch stuck on the disk) may
   * still reach the disk later, like a timed-out {@link #write}: it was never acknowledged.
   */
  private void failOverdue() {
    long cutoff = System.nanoTime() - commitTimeoutNanos;
    int failed = 0;
    for (Iterable<Pending> pending : List.<Iterable<Pending>>of(inFlight, queue)) {
      for (Pending p : pending) {
        if (p.queuedNanos() - cutoff >= 0 || p.done().isDone()) continue;
        // unhealthy before the caller hears of the failure: whoever got STORE_UNAVAILABLE and then
        // asks /health must not be told the store is fine
        healthy = false;
        if (p.done().completeExceptionally(new StoreUnavailableException("commit to " + file + " timed out", null))) {
          failed++;
        }
      }
    }
    if (failed > 0) {
      LOG.error("store {}: {} commits not durable after {} ms: failed", file, failed, commitTimeoutNanos / 1_000_000);
    }
  }

  private void write(List<Pending> batch) throws SQLException, JsonProcessingException {
    begin.executeUpdate();
    try {
      for (Pending p : batch) {
        StoreCommit c = p.commit();
        if (c.unit() != null) {
          upsertUnit.setString(1, c.unit().unit());
          upsertUnit.setString(2, Json.MAPPER.writeValueAsString(c.unit()));
          upsertUnit.setLong(3, System.currentTimeMillis());
          upsertUnit.executeUpdate();
        }
        if (c.fleet() != null) {
          upsertFleet.setString(1, Json.MAPPER.writeValueAsString(c.fleet()));
          upsertFleet.executeUpdate();
        }
        for (AuditEvent e : c.events()) {
          AuditRows.bind(insertAudit, e);
          insertAudit.executeUpdate();
        }
      }
      commit.executeUpdate();
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      try {
        rollback.executeUpdate();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Commits in the batch the writer is on: lets a test know the writer has taken one. */
  int inFlightCount() {
    return inFlight.size();
  }

  boolean healthy() {
    return !closed && healthy && writerThread.isAlive();
  }

  /** Writes what is queued, then closes the connection. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    overdueCheck.shutdownNow();
    try {
      writerThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      for (PreparedStatement ps : List.of(begin, commit, rollback, upsertUnit, upsertFleet, insertAudit)) {
        ps.close();
      }
      writer.close();
    } catch (SQLException e) {
      LOG.warn("closing store {}: {}", file, e.toString());
    }
  }
}
