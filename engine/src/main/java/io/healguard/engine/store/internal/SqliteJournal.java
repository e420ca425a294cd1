package io.healguard.engine.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.Journal;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreUnavailableException;
import io.healguard.engine.store.StoredState;
import io.healguard.engine.store.SyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded journal: one SQLite file in write-ahead-log mode under the data directory; no server.
 *
 * <p>Writes go through one writer thread that groups whatever commits are waiting into one
 * transaction (group commit): under load many decisions share one disk sync, and each caller
 * still returns only after its own change is durable. Reads use a second connection, which WAL
 * lets run beside the writer.
 */
public final class SqliteJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteJournal.class);
  private static final int MAX_BATCH = 512;
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  private final Path file;
  private final long commitTimeoutNanos;
  private final Connection writer;
  private final Connection reader;
  /** Prepared once, used by the writer thread only: preparing per batch cost a third of its time. */
  private final PreparedStatement begin;
  private final PreparedStatement commit;
  private final PreparedStatement rollback;
  private final PreparedStatement upsertUnit;
  private final PreparedStatement upsertFleet;
  private final PreparedStatement insertAudit;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8192);
  private final Thread writerThread;
  private volatile boolean closed;
  private volatile boolean healthy = true;

  /** The batch the writer is on, for the overdue check; empty between batches. */
  private volatile List<Pending> inFlight = List.of();
  private final ScheduledExecutorService overdueCheck;

  private record Pending(StoreCommit commit, CompletableFuture<Void> done, long queuedNanos) {}

  public SqliteJournal(Path dataDir, SyncMode sync) {
    this(dataDir, sync, COMMIT_TIMEOUT);
  }

  /** {@code commitTimeout}: how long a commit may wait for the disk before it fails. */
  SqliteJournal(Path dataDir, SyncMode sync, Duration commitTimeout) {
    this.commitTimeoutNanos = commitTimeout.toNanos();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create data dir " + dataDir + ": " + e.getMessage(), e);
    }
    this.file = dataDir.resolve("healguard.db");
    try {
      writer = open(sync);
      migrate(writer);
      reader = open(sync);
      begin = writer.prepareStatement("BEGIN IMMEDIATE");
      commit = writer.prepareStatement("COMMIT");
      rollback = writer.prepareStatement("ROLLBACK");
      upsertUnit = writer.prepareStatement(
          "INSERT INTO unit_state (unit, state, updated_ms) VALUES (?, ?, ?) "
              + "ON CONFLICT (unit) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms");
      upsertFleet = writer.prepareStatement(
          "INSERT INTO fleet_state (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state");
      insertAudit = writer.prepareStatement("INSERT INTO audit (id, at_ms, type, unit, event) VALUES (?, ?, ?, ?, ?)");
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot open store " + file + ": " + e.getMessage(), e);
    }
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

  private Connection open(SyncMode sync) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    // the driver would otherwise run "SELECT last_insert_rowid()" after every insert
    config.setGetGeneratedKeys(false);
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=" + sync.name());
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("PRAGMA foreign_keys=ON");
    }
    return c;
  }

  /** Schema versions by {@code PRAGMA user_version}; each step runs once, in its own transaction. */
  private static void migrate(Connection c) throws SQLException {
    int version;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version < 1) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE unit_state (unit TEXT PRIMARY KEY, state TEXT NOT NULL, updated_ms INTEGER NOT NULL)");
        s.execute("CREATE TABLE fleet_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)");
        s.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
            + "at_ms INTEGER NOT NULL, type TEXT NOT NULL, unit TEXT, event TEXT NOT NULL)");
        s.execute("CREATE INDEX audit_unit ON audit (unit, seq)");
        s.execute("CREATE INDEX audit_type ON audit (type, seq)");
        s.execute("CREATE INDEX audit_at ON audit (at_ms)");
        s.execute("PRAGMA user_version = 1");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  @Override
  public synchronized StoredState load() {
    Map<String, UnitState> units = new HashMap<>();
    FleetState fleet = FleetState.CALM;
    try (Statement s = reader.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT unit, state FROM unit_state")) {
        while (rs.next()) {
          units.put(rs.getString(1), Json.MAPPER.readValue(rs.getString(2), UnitState.class));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT state FROM fleet_state WHERE id = 1")) {
        if (rs.next()) {
          fleet = Json.MAPPER.readValue(rs.getString(1), FleetState.class);
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreUnavailableException("cannot load state from " + file + ": " + e.getMessage(), e);
    }
    return new StoredState(units, fleet);
  }

  @Override
  public void write(StoreCommit commit) {
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
  @Override
  public CompletableFuture<Void> writeAsync(StoreCommit commit) {
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

  @Override
  public synchronized List<AuditEvent> audit(AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT event FROM audit WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.unit() != null) {
      sql.append(" AND unit = ?");
      args.add(q.unit());
    }
    if (q.type() != null) {
      sql.append(" AND type = ?");
      args.add(q.type().name());
    }
    if (q.since() != null) {
      sql.append(" AND at_ms >= ?");
      args.add(q.since().toEpochMilli());
    }
    sql.append(" ORDER BY seq DESC LIMIT ?");
    args.add(q.limit());
    try (PreparedStatement ps = reader.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
      List<AuditEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(Json.MAPPER.readValue(rs.getString(1), AuditEvent.class));
      }
      return out;
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreUnavailableException("cannot read audit from " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void scanAudit(AuditRange r, Consumer<AuditEvent> each) {
    StringBuilder sql = new StringBuilder("SELECT event FROM audit WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (r.unit() != null) {
      sql.append(" AND unit = ?");
      args.add(r.unit());
    }
    if (r.type() != null) {
      sql.append(" AND type = ?");
      args.add(r.type().name());
    }
    if (r.from() != null) {
      sql.append(" AND at_ms >= ?");
      args.add(r.from().toEpochMilli());
    }
    if (r.until() != null) {
      sql.append(" AND at_ms < ?");
      args.add(r.until().toEpochMilli());
    }
    sql.append(" ORDER BY seq");
    try (PreparedStatement ps = reader.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) each.accept(Json.MAPPER.readValue(rs.getString(1), AuditEvent.class));
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreUnavailableException("cannot read audit from " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes in chunks on the reader connection: each chunk is a short write transaction, so the
   * group-commit writer waits (busy_timeout) for one chunk at most, never for the whole purge.
   */
  @Override
  public synchronized long purgeAuditOlderThan(Instant cutoff) {
    long deleted = 0;
    try (PreparedStatement ps = reader.prepareStatement(
        "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at_ms < ? LIMIT 5000)")) {
      ps.setLong(1, cutoff.toEpochMilli());
      int n;
      do {
        n = ps.executeUpdate();
        deleted += n;
      } while (n > 0);
      return deleted;
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot purge audit before " + cutoff + " from " + file
          + " (" + deleted + " deleted): " + e.getMessage(), e);
    }
  }

  /** Commits in the batch the writer is on: lets a test know the writer has taken one. */
  int inFlightCount() {
    return inFlight.size();
  }

  @Override
  public boolean healthy() {
    return !closed && healthy && writerThread.isAlive();
  }

  @Override
  public String describe() {
    return "sqlite:" + file;
  }

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
    synchronized (this) {
      try {
        for (PreparedStatement ps : List.of(begin, commit, rollback, upsertUnit, upsertFleet, insertAudit)) {
          ps.close();
        }
        writer.close();
        reader.close();
      } catch (SQLException e) {
        LOG.warn("closing store {}: {}", file, e.toString());
      }
    }
  }
}
