package io.healguard.engine.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.json.Json;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreConflictException;
import io.healguard.engine.store.UnitTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.concurrent.Semaphore;

/**
 * One decision's access to a unit on PostgreSQL. Within this process a per-unit semaphore (held
 * from {@link #begin} to {@link #close}) keeps decisions on one unit one at a time; across
 * replicas the unit's row does, in one of two ways:
 *
 * <ul>
 *   <li>locked: {@code begin} opens a transaction and locks the row ({@code SELECT ... FOR
 *       UPDATE}, inserting it first for a unit never seen). Used unless the unit's last decision
 *       here wrote nothing: the next one probably writes too.
 *   <li>read: {@code begin} reads state and {@code version} in one auto-commit query and holds
 *       nothing in the database; a decision that writes nothing (a steady report) ends there. One
 *       that writes ({@link #commit}, or {@link #lockFleet} first) then locks the row and goes on
 *       only if its version is still the one read: otherwise another replica decided this unit
 *       in between, and the commit fails ({@link StoreConflictException}) rather than store a decision made
 *       on a state that is no longer the unit's (the restart budget is never spent twice). The
 *       unit's next decision here takes the lock first. Used for a unit whose last decision
 *       here wrote nothing.
 * </ul>
 *
 * <p>Every write of a unit's state raises its version (schema 2). {@link #lockFleet} locks the
 * fleet row always after the unit row, so two decisions cannot deadlock.
 */
public final class PgUnitTx implements UnitTx {
  private static final String READ_ROW = "SELECT state, version FROM unit_state WHERE unit = ?";
  private static final String LOCK_ROW = READ_ROW + " FOR UPDATE";

  /** What the store learns from each transaction. */
  public interface Hooks {
    /** A last report shown without a write, for the store's periodic flush. */
    void published(UnitState s);

    /**
     * The transaction ended. {@code lockNext}: the unit's next decision here should lock first
     * (this one wrote, or lost a race); {@code created}: it stored the unit's first state.
     */
    void ended(String unit, boolean lockNext, boolean created);
  }

  private record Row(String json, long version) {}

  private final PgConnections db;
  private final String unit;
  private final Semaphore localLock;
  private final ThreadLocal<PgUnitTx> current;
  private final Hooks hooks;
  private final UnitState state;
  private final long version;
  private final boolean hadState;
  /** Null while nothing is locked in the database (read mode, before a write). */
  private Connection conn;
  private boolean fleetLocked;
  private java.sql.Savepoint fleetSavepoint;
  private FleetState fleet;
  private boolean committed;
  private boolean storedState;
  private boolean conflicted;
  private boolean closed;

  private PgUnitTx(PgConnections db, String unit, Semaphore localLock, ThreadLocal<PgUnitTx> current, Hooks hooks,
      Connection conn, Row row) throws JsonProcessingException {
    this.db = db;
    this.unit = unit;
    this.localLock = localLock;
    this.current = current;
    this.hooks = hooks;
    this.conn = conn;
    this.hadState = row != null && row.json() != null;
    this.state = hadState ? Json.MAPPER.readValue(row.json(), UnitState.class) : null;
    this.version = row == null ? 0 : row.version();
  }

  /**
   * Opens the unit's transaction; {@code localLock} must be held by the caller and is released at
   * {@link #close}, or here when opening fails.
   */
  public static PgUnitTx begin(PgConnections db, String unit, Semaphore localLock, ThreadLocal<PgUnitTx> current,
      Hooks hooks, boolean lockFirst) {
    Connection c = null;
    try {
      PgUnitTx tx;
      if (lockFirst) {
        c = db.acquire("lock unit " + unit);
        c.setAutoCommit(false);
        tx = new PgUnitTx(db, unit, localLock, current, hooks, c, lockRow(c, unit));
      } else {
        Row row = db.with("read unit " + unit, r -> readRow(r, unit, READ_ROW));
        tx = new PgUnitTx(db, unit, localLock, current, hooks, null, row);
      }
      current.set(tx);
      return tx;
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      PgConnections.rollbackQuietly(c);
      PgConnections.closeQuietly(c);
      localLock.release();
      throw db.failure("lock unit " + unit, e);
    }
  }

  /**
   * Locks the row, creating it first for a unit never seen. Never decide on "no row found" alone:
   * a replica may create and commit the row between that look and this one, and a decision made
   * without the row lock would overwrite its state.
   */
  private static Row lockRow(Connection c, String unit) throws SQLException {
    Row row = readRow(c, unit, LOCK_ROW);
    if (row != null) return row;
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO unit_state (unit) VALUES (?) ON CONFLICT (unit) DO NOTHING")) {
      ps.setString(1, unit);
      ps.executeUpdate();
    }
    return readRow(c, unit, LOCK_ROW);
  }

  private static Row readRow(Connection c, String unit, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, unit);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Row(rs.getString(1), rs.getLong(2)) : null;
      }
    }
  }

  public String unit() {
    return unit;
  }

  /** The connection of the open database transaction, or null while nothing is locked. */
  Connection connection() {
    return closed ? null : conn;
  }

  /** From read mode to locked: locks the row and checks that nobody wrote it since the read. */
  private void lock(String what) {
    if (conn != null) return;
    Connection c = db.acquire(what + " " + unit);
    Row now;
    try {
      c.setAutoCommit(false);
      now = lockRow(c, unit);
    } catch (SQLException | RuntimeException e) {
      PgConnections.rollbackQuietly(c);
      PgConnections.closeQuietly(c);
      throw db.failure(what + " " + unit, e);
    }
    if (now.version() != version || (now.json() != null) != hadState) {
      PgConnections.rollbackQuietly(c);
      PgConnections.closeQuietly(c);
      conflicted = true;
      throw new StoreConflictException("unit " + unit + ": decided by another replica since this one read it"
          + " (version " + version + ", now " + now.version() + "); this decision is not stored");
    }
    conn = c;
  }

  @Override
  public UnitState state() {
    return state;
  }

  @Override
  public FleetState lockFleet() {
    if (!fleetLocked) {
      lock("lock fleet for unit");
      try {
        // a row lock ends with its transaction or a rollback to a savepoint before it: releaseFleet
        fleetSavepoint = conn.setSavepoint();
      } catch (SQLException e) {
        throw db.failure("lock fleet for unit " + unit, e);
      }
      try (PreparedStatement ps = conn.prepareStatement("SELECT state FROM fleet_state WHERE id = 1 FOR UPDATE");
          ResultSet rs = ps.executeQuery()) {
        fleet = rs.next() ? Json.MAPPER.readValue(rs.getString(1), FleetState.class) : FleetState.CALM;
        fleetLocked = true;
      } catch (SQLException | JsonProcessingException e) {
        throw db.failure("lock fleet for unit " + unit, e);
      }
    }
    return fleet;
  }

  @Override
  public void releaseFleet() {
    if (!fleetLocked) return;
    try {
      conn.rollback(fleetSavepoint); // only the fleet row was read since: nothing else is undone
      fleetLocked = false;
    } catch (SQLException e) {
      throw db.failure("release fleet for unit " + unit, e);
    }
  }

  @Override
  public void commit(StoreCommit c) {
    if (closed || committed) {
      throw new IllegalStateException("unit " + unit + ": transaction already "
          + (committed ? "committed" : "closed") + "; begin a new one");
    }
    if (c.fleet() != null && !fleetLocked) {
      throw new IllegalStateException("unit " + unit + ": fleet state written without lockFleet()");
    }
    if (c.unit() != null && !c.unit().unit().equals(unit)) {
      throw new IllegalStateException("unit " + unit + ": commit carries the state of unit " + c.unit().unit());
    }
    lock("commit unit");
    try {
      if (c.unit() != null) {
        writeUnit(c.unit());
      }
      if (c.fleet() != null) {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE fleet_state SET state = ?::jsonb WHERE id = 1")) {
          ps.setString(1, Json.MAPPER.writeValueAsString(c.fleet()));
          ps.executeUpdate();
        }
      }
      PgQueries.insertAudit(conn, c.events());
      conn.commit();
      committed = true;
      storedState = c.unit() != null;
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      PgConnections.rollbackQuietly(conn);
      throw db.failure("commit unit " + unit, e);
    }
  }

  private void writeUnit(UnitState s) throws SQLException, JsonProcessingException {
    try (PreparedStatement ps = conn.prepareStatement("UPDATE unit_state SET state = ?::jsonb, last_status = ?, "
        + "last_report_ms = ?, version = version + 1, updated_at = now() WHERE unit = ?")) {
      ps.setString(1, Json.MAPPER.writeValueAsString(s));
      ps.setString(2, s.status() == null ? null : s.status().name());
      if (s.lastReport() == null) {
        ps.setNull(3, Types.BIGINT);
      } else {
        ps.setLong(3, s.lastReport().at().toEpochMilli());
      }
      ps.setString(4, unit);
      if (ps.executeUpdate() != 1) {
        throw new SQLException("unit " + unit + ": its locked row is gone");
      }
    }
  }

  @Override
  public void publishVolatile(UnitState s) {
    if (s.lastReport() != null) hooks.published(s);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    current.remove();
    if (conn != null) {
      if (!committed) PgConnections.rollbackQuietly(conn);
      PgConnections.closeQuietly(conn);
    }
    try {
      hooks.ended(unit, committed || conflicted, storedState && !hadState);
    } finally {
      localLock.release();
    }
  }
}
