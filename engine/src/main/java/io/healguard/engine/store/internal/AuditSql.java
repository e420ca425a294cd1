package io.healguard.engine.store.internal;

import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit table's queries, one text for both stores (the SQL is plain enough for SQLite and
 * PostgreSQL alike): a filter written once cannot drift between the stores or between the
 * newest-first read and the export.
 *
 * @param sql the statement, with {@code ?} for each of {@code args} in order
 */
public record AuditSql(String sql, List<Object> args) {
  /**
   * Rows per purge transaction, the same for both stores: each chunk is its own short write, so a
   * decision (SQLite's single writer, PostgreSQL's audit inserts) waits behind one chunk at most,
   * never behind a whole purge. 5,000 rows is a few milliseconds of deleting on either store;
   * larger chunks only lengthen that wait and smaller ones only add round trips.
   */
  public static final int PURGE_CHUNK = 5_000;

  /** Deletes one chunk of events before the cutoff (bound as the only parameter, epoch millis). */
  public static final String PURGE =
      "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at_ms < ? LIMIT " + PURGE_CHUNK + ")";

  /** The events {@code q} matches, newest first, at most its limit. */
  public static AuditSql latest(AuditQuery q) {
    AuditSql s = filtered(q.unit(), q.type(), q.since(), null);
    s.args.add(q.limit());
    return new AuditSql(s.sql + " ORDER BY seq DESC LIMIT ?", s.args);
  }

  /** Every event in {@code r}, oldest first. */
  public static AuditSql range(AuditRange r) {
    AuditSql s = filtered(r.unit(), r.type(), r.from(), r.until());
    return new AuditSql(s.sql + " ORDER BY seq", s.args);
  }

  private static AuditSql filtered(String unit, AuditType type, Instant from, Instant until) {
    StringBuilder sql = new StringBuilder("SELECT event FROM audit WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (unit != null) {
      sql.append(" AND unit = ?");
      args.add(unit);
    }
    if (type != null) {
      sql.append(" AND type = ?");
      args.add(type.name());
    }
    if (from != null) {
      sql.append(" AND at_ms >= ?");
      args.add(from.toEpochMilli());
    }
    if (until != null) {
      sql.append(" AND at_ms < ?");
      args.add(until.toEpochMilli());
    }
    return new AuditSql(sql.toString(), args);
  }

  /** Binds the arguments to a statement prepared from {@link #sql}. */
  public void bind(PreparedStatement ps) throws SQLException {
    for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
  }
}
