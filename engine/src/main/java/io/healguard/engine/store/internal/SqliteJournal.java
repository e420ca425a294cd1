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
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded journal: one SQLite file in write-ahead-log mode under the data directory; no server.
 *
 * <p>Writes go through {@link SqliteWriter}'s group commit on a connection of their own; reads
 * use a second connection, which WAL lets run beside the writer. The schema is {@code db/sqlite},
 * applied by {@link Migrations} before either connection opens.
 */
public final class SqliteJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteJournal.class);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  private final Path file;
  private final SqliteWriter writer;
  private final Connection reader;
  private volatile boolean closed;

  public SqliteJournal(Path dataDir, SyncMode sync) {
    this(dataDir, sync, COMMIT_TIMEOUT);
  }

  /** {@code commitTimeout}: how long a commit may wait for the disk before it fails. */
  SqliteJournal(Path dataDir, SyncMode sync, Duration commitTimeout) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create data dir " + dataDir + ": " + e.getMessage(), e);
    }
    this.file = dataDir.resolve("healguard.db");
    Connection w = null;
    Connection r = null;
    try {
      Migrations.sqlite(file);
      w = open(sync);
      r = open(sync);
      writer = new SqliteWriter(file, w, commitTimeout);
      reader = r;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(w);
      closeQuietly(r);
      throw new StoreUnavailableException("cannot open store " + file + ": " + e.getMessage(), e);
    }
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
    writer.write(commit);
  }

  @Override
  public CompletableFuture<Void> writeAsync(StoreCommit commit) {
    return writer.writeAsync(commit);
  }

  @Override
  public synchronized List<AuditEvent> audit(AuditQuery q) {
    AuditSql sql = AuditSql.latest(q);
    try (PreparedStatement ps = reader.prepareStatement(sql.sql())) {
      sql.bind(ps);
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
    AuditSql sql = AuditSql.range(r);
    try (PreparedStatement ps = reader.prepareStatement(sql.sql())) {
      sql.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) each.accept(Json.MAPPER.readValue(rs.getString(1), AuditEvent.class));
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new StoreUnavailableException("cannot read audit from " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes in chunks ({@link AuditSql#PURGE_CHUNK}) on the reader connection: each chunk is a
   * short write transaction, so the group-commit writer waits (busy_timeout) for one chunk at
   * most, never for the whole purge.
   */
  @Override
  public synchronized long purgeAuditOlderThan(Instant cutoff) {
    long deleted = 0;
    try (PreparedStatement ps = reader.prepareStatement(AuditSql.PURGE)) {
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
    return writer.inFlightCount();
  }

  @Override
  public boolean healthy() {
    return !closed && writer.healthy();
  }

  @Override
  public String describe() {
    return "sqlite:" + file;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    writer.close();
    synchronized (this) {
      closeQuietly(reader);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c != null) c.close();
    } catch (SQLException e) {
      LOG.warn("closing a store connection: {}", e.toString());
    }
  }
}
