package io.healguard.engine.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.json.Json;
import io.healguard.engine.store.FleetState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The PostgreSQL store's queries outside a unit's transaction: unit and fleet reads, the audit
 * trail, the batched write of last reports. A read made while this thread's decision holds a
 * locked row runs on that transaction's connection, so a full pool never makes a decision wait
 * for a second connection.
 */
public final class PgQueries {
  private final PgConnections db;
  private final ThreadLocal<PgUnitTx> current;

  public PgQueries(PgConnections db, ThreadLocal<PgUnitTx> current) {
    this.db = db;
    this.current = current;
  }

  /** On the open transaction's connection when this thread has one, else on a pooled one. */
  private <T> T read(String what, PgConnections.Sql<T> fn) {
    PgUnitTx tx = current.get();
    Connection c = tx == null ? null : tx.connection();
    if (c == null) {
      return db.with(what, fn);
    }
    try {
      return fn.apply(c);
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      throw db.failure(what, e);
    }
  }

  public Optional<UnitState> unit(String unit) {
    return read("read unit " + unit, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM unit_state WHERE unit = ? AND state IS NOT NULL")) {
        ps.setString(1, unit);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(Json.MAPPER.readValue(rs.getString(1), UnitState.class)) : Optional.empty();
        }
      }
    });
  }

  public Collection<UnitState> units() {
    return read("read units", c -> {
      List<UnitState> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM unit_state WHERE state IS NOT NULL ORDER BY unit");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(Json.MAPPER.readValue(rs.getString(1), UnitState.class));
      }
      return out;
    });
  }

  public int unitCount() {
    return read("count units", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM unit_state WHERE state IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  public int freshDownUnits(Instant since, String except, int enough) {
    return read("count fresh DOWN units", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM unit_state "
          + "WHERE last_status = 'DOWN' AND last_report_ms >= ? AND unit IS DISTINCT FROM ? LIMIT ?) fresh")) {
        ps.setLong(1, since.toEpochMilli());
        ps.setString(2, except);
        ps.setInt(3, Math.max(0, enough));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  public HealthStatus latestStatus(String unit) {
    return read("read status of " + unit, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT last_status FROM unit_state WHERE unit = ?")) {
        ps.setString(1, unit);
        try (ResultSet rs = ps.executeQuery()) {
          String s = rs.next() ? rs.getString(1) : null;
          return s == null ? null : HealthStatus.valueOf(s);
        }
      }
    });
  }

  public FleetState fleet() {
    return read("read fleet", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM fleet_state WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Json.MAPPER.readValue(rs.getString(1), FleetState.class) : FleetState.CALM;
      }
    });
  }

  /** Inserts the events on {@code c}, in its transaction if it has one. */
  static void insertAudit(Connection c, List<AuditEvent> events) throws SQLException, JsonProcessingException {
    if (events.isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit (id, at_ms, type, unit, event) VALUES (?, ?, ?, ?, ?::jsonb)")) {
      for (AuditEvent e : events) {
        AuditRows.bind(ps, e);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Always on a pooled connection of its own, never inside a decision's transaction. */
  public void appendAudit(AuditEvent event) {
    db.with("append audit " + event.type(), c -> {
      insertAudit(c, List.of(event));
      return null;
    });
  }

  public List<AuditEvent> audit(AuditQuery q) {
    AuditSql sql = AuditSql.latest(q);
    return read("read audit", c -> {
      List<AuditEvent> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
        sql.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(Json.MAPPER.readValue(rs.getString(1), AuditEvent.class));
        }
      }
      return out;
    });
  }

  /** Streams with a server-side cursor (fetch size inside a transaction): memory stays flat. */
  public void scanAudit(AuditRange r, Consumer<AuditEvent> each) {
    AuditSql sql = AuditSql.range(r);
    db.with("export audit", c -> {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql.sql())) {
        ps.setFetchSize(500);
        sql.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) each.accept(Json.MAPPER.readValue(rs.getString(1), AuditEvent.class));
        }
      } finally {
        PgConnections.rollbackQuietly(c);
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  /** Deletes in chunks ({@link AuditSql#PURGE_CHUNK}), each its own short transaction. */
  public long purgeAuditOlderThan(Instant cutoff) {
    return db.with("purge audit before " + cutoff, c -> {
      long deleted = 0;
      try (PreparedStatement ps = c.prepareStatement(AuditSql.PURGE)) {
        ps.setLong(1, cutoff.toEpochMilli());
        int n;
        do {
          n = ps.executeUpdate();
          deleted += n;
        } while (n > 0);
      }
      return deleted;
    });
  }

  /**
   * Writes the last report and decision of each unit in one transaction; returns how many rows it
   * changed. Only those two fields are set, and only when the stored report is not newer, so a
   * counter another replica committed meanwhile is kept and a later report never goes back in
   * time. The row's version stays: what is written here decides nothing, so a decision that read
   * the row before it may still commit.
   */
  public int writeLastReports(List<UnitState> batch) {
    return db.with("write last reports of " + batch.size() + " units", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE unit_state SET state = jsonb_set(jsonb_set(state, "
          + "'{lastReport}', ?::jsonb), '{lastDecision}', ?::jsonb), last_report_ms = ?, updated_at = now() "
          + "WHERE unit = ? AND (last_report_ms IS NULL OR last_report_ms <= ?)")) {
        c.setAutoCommit(false);
        for (UnitState u : batch) {
          long at = u.lastReport().at().toEpochMilli();
          ps.setString(1, Json.MAPPER.writeValueAsString(u.lastReport()));
          ps.setString(2, u.lastDecision() == null ? "null" : Json.MAPPER.writeValueAsString(u.lastDecision()));
          ps.setLong(3, at);
          ps.setString(4, u.unit());
          ps.setLong(5, at);
          ps.addBatch();
        }
        int changed = 0;
        for (int n : ps.executeBatch()) changed += Math.max(n, 0);
        c.commit();
        return changed;
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        PgConnections.rollbackQuietly(c);
        throw e;
      }
    });
  }
}
