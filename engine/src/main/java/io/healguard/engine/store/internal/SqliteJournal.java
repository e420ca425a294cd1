package io.healguard.engine.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.json.Json;
import io.healguard.engine.policy.UnitState;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final long COMMIT_TIMEOUT_SECONDS = 30;

  private final Path file;
  private final Connection writer;
  private final Connection reader;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8192);
  private final Thread writerThread;
  private volatile boolean closed;
  private volatile boolean healthy = true;

  private record Pending(StoreCommit commit, CompletableFuture<Void> done) {}

  public SqliteJournal(Path dataDir, SyncMode sync) {
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
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot open store " + file + ": " + e.getMessage(), e);
    }
    writerThread = new Thread(this::writeLoop, "healguard-store-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  private Connection open(SyncMode sync) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
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
    Pending p = new Pending(commit, new CompletableFuture<>());
    try {
      if (!queue.offer(p, COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new StoreUnavailableException("store " + file + " is overloaded: commit queue full", null);
      }
      p.done().get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while committing to " + file, e);
    } catch (ExecutionException e) {
      throw new StoreUnavailableException("commit to " + file + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("commit to " + file + " timed out", e);
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
        healthy = true;
        batch.forEach(p -> p.done().complete(null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        healthy = false;
        LOG.error("store write of {} commits failed: {}", batch.size(), e.toString());
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) throws SQLException, JsonProcessingException {
    writer.setAutoCommit(false);
    try (PreparedStatement unit = writer.prepareStatement(
            "INSERT INTO unit_state (unit, state, updated_ms) VALUES (?, ?, ?) "
                + "ON CONFLICT (unit) DO UPDATE SET state = excluded.state, updated_ms = excluded.updated_ms");
        PreparedStatement fleet = writer.prepareStatement(
            "INSERT INTO fleet_state (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state");
        PreparedStatement audit = writer.prepareStatement(
            "INSERT INTO audit (id, at_ms, type, unit, event) VALUES (?, ?, ?, ?, ?)")) {
      for (Pending p : batch) {
        StoreCommit c = p.commit();
        if (c.unit() != null) {
          unit.setString(1, c.unit().unit());
          unit.setString(2, Json.MAPPER.writeValueAsString(c.unit()));
          unit.setLong(3, System.currentTimeMillis());
          unit.executeUpdate();
        }
        if (c.fleet() != null) {
          fleet.setString(1, Json.MAPPER.writeValueAsString(c.fleet()));
          fleet.executeUpdate();
        }
        for (AuditEvent e : c.events()) {
          audit.setString(1, e.id());
          audit.setLong(2, e.at().toEpochMilli());
          audit.setString(3, e.type().name());
          audit.setString(4, e.unit());
          audit.setString(5, Json.MAPPER.writeValueAsString(e));
          audit.executeUpdate();
        }
      }
      writer.commit();
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      try {
        writer.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      writer.setAutoCommit(true);
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
    try {
      writerThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      try {
        writer.close();
        reader.close();
      } catch (SQLException e) {
        LOG.warn("closing store {}: {}", file, e.toString());
      }
    }
  }
}
