package io.healguard.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.store.internal.AuditRows;
import io.healguard.engine.store.internal.PgUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store: several replicas decide over one PostgreSQL database and never both decide
 * for the same unit at once.
 *
 * <p>{@link #begin} opens a transaction and locks the unit's row ({@code SELECT ... FOR UPDATE},
 * inserting the row first for a unit never seen); {@link UnitTx#lockFleet} locks the fleet row
 * in the same transaction, always after the unit row, so two decisions cannot deadlock; {@link
 * UnitTx#commit} writes state, fleet and audit and returns only after {@code COMMIT} succeeded.
 * Nothing is cached: every decision reads the state the last replica committed, overrides and
 * drift findings included. A replica that dies mid-decision loses its connection and with it its
 * locks and its uncommitted writes.
 *
 * <p>Reads a decision makes while its transaction is open ({@link #freshDownUnits}, {@link
 * #latestStatus}, {@link #fleet}) run on that transaction's connection (found through a
 * thread-local), so a full pool never makes a decision wait for a second connection.
 *
 * <p>Outage: a dedicated probe connection checks the database every {@code probeInterval}, and
 * at once after any connection failure. While it fails, {@link #writable()} is false and every
 * {@code begin} and read throws {@link StoreUnavailableException} at once instead of waiting for
 * the pool; when it succeeds again the store serves again, without a restart. A {@code COMMIT}
 * whose answer is lost with the connection is reported as a failure (the decision is {@code BLOCK
 * STORE_UNAVAILABLE}) even though it may have been stored: the audit may then hold a decision
 * nobody acted on, never the reverse.
 */
public final class PostgresStateStore implements StateStore, PolicyRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStateStore.class);
  private static final int SOCKET_TIMEOUT_SECONDS = 30;
  private static final int PURGE_CHUNK = 10_000;
  // wall time for operators' log lines about outages; decisions never read it
  private static final Clock WALL = Clock.systemUTC();

  private final PostgresStoreConfig config;
  private final PgUrl url;
  private volatile HikariDataSource pool;
  private final ScheduledExecutorService prober;
  private final ThreadLocal<Tx> current = new ThreadLocal<>();
  private volatile boolean reachable = true;
  private volatile Instant unreachableSince;
  private volatile String problem;
  private volatile boolean closed;
  private Connection probe; // the prober thread's alone
  /** Last reports published without a commit (a repeated UP), written by {@link #flushReports}. */
  private final Map<String, UnitState> unflushed = new ConcurrentHashMap<>();

  private PostgresStateStore(PostgresStoreConfig config) {
    this.config = config;
    this.url = PgUrl.parse(config.url());
    this.pool = openPool();
    try {
      migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreUnavailableException("cannot migrate store " + url + ": " + e.getMessage(), e);
    }
    prober = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "healguard-store-probe");
      t.setDaemon(true);
      return t;
    });
    long every = config.probeInterval().toMillis();
    prober.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    long flush = LocalStateStore.DEFAULT_REPORT_FLUSH.toMillis();
    prober.scheduleWithFixedDelay(this::flushQuietly, flush, flush, TimeUnit.MILLISECONDS);
    LOG.info("store {} open: pool {}, connection timeout {}", url, config.poolSize(), config.connectionTimeout());
  }

  /**
   * Connects, applies the schema migrations under {@code db/postgresql} and starts the probe.
   *
   * @throws StoreUnavailableException when the database cannot be reached or migrated
   */
  public static PostgresStateStore open(PostgresStoreConfig config) {
    return new PostgresStateStore(config);
  }

  public static PostgresStateStore open(String jdbcUrl) {
    return open(PostgresStoreConfig.of(jdbcUrl));
  }

  private HikariDataSource openPool() {
    HikariConfig h = new HikariConfig();
    h.setPoolName("healguard-store");
    h.setJdbcUrl(url.urlWithoutCredentials());
    if (url.user() != null) h.setUsername(url.user());
    if (url.password() != null) h.setPassword(url.password());
    h.setMaximumPoolSize(config.poolSize());
    h.setConnectionTimeout(config.connectionTimeout().toMillis());
    h.setValidationTimeout(Math.min(1000, config.connectionTimeout().toMillis() / 2));
    // start-up fails fast too: a store that cannot connect says so within the connection timeout
    h.setInitializationFailTimeout(config.connectionTimeout().toMillis());
    h.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
    // a replica stuck inside a transaction (host gone, no FIN) must not hold a unit's lock forever
    h.setConnectionInitSql("SET lock_timeout = '" + config.lockTimeout().toMillis() + "ms'; "
        + "SET idle_in_transaction_session_timeout = '30s'");
    driverProperties().forEach((k, v) -> h.addDataSourceProperty((String) k, v));
    try {
      return new HikariDataSource(h);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("cannot connect to store " + url + ": " + rootMessage(e), e);
    }
  }

  private Properties driverProperties() {
    Properties p = new Properties();
    long connectSeconds = Math.max(1, (config.connectionTimeout().toMillis() + 999) / 1000);
    p.setProperty("connectTimeout", String.valueOf(connectSeconds));
    p.setProperty("loginTimeout", String.valueOf(connectSeconds));
    p.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "healguard");
    return p;
  }

  private void migrate() {
    FluentConfiguration fc = Flyway.configure(PostgresStateStore.class.getClassLoader())
        .dataSource(pool)
        .locations("classpath:db/postgresql");
    if (url.schema() != null) {
      fc.schemas(url.schema()).defaultSchema(url.schema());
    }
    fc.load().migrate();
  }

  @Override
  public UnitTx begin(String unit) {
    Tx open = current.get();
    if (open != null) {
      throw new IllegalStateException("unit " + unit + ": a transaction for unit " + open.unit
          + " is still open on this thread; close it first");
    }
    Connection c = acquire("lock unit " + unit);
    try {
      c.setAutoCommit(false);
      String state = lockRow(c, unit);
      if (state == null) {
        // No row (or one without state yet): create it, then lock it. Never decide on "no row
        // found" alone: a replica may create and commit the row between that look and this
        // one, and a decision made without the row lock would overwrite its state.
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO unit_state (unit) VALUES (?) ON CONFLICT (unit) DO NOTHING")) {
          ps.setString(1, unit);
          ps.executeUpdate();
        }
        state = lockRow(c, unit);
      }
      Tx tx = new Tx(unit, c, state == null ? null : Json.MAPPER.readValue(state, UnitState.class));
      current.set(tx);
      return tx;
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      rollbackQuietly(c);
      closeQuietly(c);
      throw failure("lock unit " + unit, e);
    }
  }

  /** Locks the row and returns its state; null when there is no row or it holds no state yet. */
  private static String lockRow(Connection c, String unit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT state FROM unit_state WHERE unit = ? FOR UPDATE")) {
      ps.setString(1, unit);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }


  private final class Tx implements UnitTx {
    private final String unit;
    private final Connection conn;
    private final UnitState state;
    private boolean fleetLocked;
    private java.sql.Savepoint fleetSavepoint;
    private FleetState fleet;
    private boolean committed;
    private boolean closed;

    Tx(String unit, Connection conn, UnitState state) {
      this.unit = unit;
      this.conn = conn;
      this.state = state;
    }

    @Override
    public UnitState state() {
      return state;
    }

    @Override
    public FleetState lockFleet() {
      if (!fleetLocked) {
        try {
          fleetSavepoint = conn.setSavepoint(); // rolling back to it releases the row lock (releaseFleet)
        } catch (SQLException e) {
          throw failure("lock fleet for unit " + unit, e);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT state FROM fleet_state WHERE id = 1 FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          fleet = rs.next() ? Json.MAPPER.readValue(rs.getString(1), FleetState.class) : FleetState.CALM;
          fleetLocked = true;
        } catch (SQLException | JsonProcessingException e) {
          throw failure("lock fleet for unit " + unit, e);
        }
      }
      return fleet;
    }

    @Override
    public void releaseFleet() {
      if (!fleetLocked) return;
      try {
        conn.rollback(fleetSavepoint); // only the fleet row was read since: nothing else undone
        fleetLocked = false;
      } catch (SQLException e) {
        throw failure("release fleet for unit " + unit, e);
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
        insertAudit(conn, c.events());
        conn.commit();
        committed = true;
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        rollbackQuietly(conn);
        throw failure("commit unit " + unit, e);
      }
    }

    private void writeUnit(UnitState s) throws SQLException, JsonProcessingException {
      try (PreparedStatement ps = conn.prepareStatement("UPDATE unit_state SET state = ?::jsonb, last_status = ?, "
          + "last_report_ms = ?, updated_at = now() WHERE unit = ?")) {
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
      if (s.lastReport() != null) unflushed.put(s.unit(), s);
    }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      current.remove();
      if (!committed) rollbackQuietly(conn);
      closeQuietly(conn);
    }
  }

  private static void insertAudit(Connection c, List<AuditEvent> events) throws SQLException, JsonProcessingException {
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

  @Override
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

  @Override
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

  @Override
  public int unitCount() {
    return read("count units", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM unit_state WHERE state IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @Override
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

  @Override
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

  @Override
  public FleetState fleet() {
    return read("read fleet", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM fleet_state WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Json.MAPPER.readValue(rs.getString(1), FleetState.class) : FleetState.CALM;
      }
    });
  }

  @Override
  public void appendAudit(AuditEvent event) {
    write("append audit " + event.type(), c -> {
      insertAudit(c, List.of(event));
      return null;
    });
  }

  @Override
  public List<AuditEvent> audit(AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT event FROM audit WHERE true");
    List<Object> args = new ArrayList<>();
    filter(sql, args, q.unit(), q.type() == null ? null : q.type().name(), q.since(), null);
    sql.append(" ORDER BY seq DESC LIMIT ?");
    args.add(q.limit());
    return read("read audit", c -> {
      List<AuditEvent> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(Json.MAPPER.readValue(rs.getString(1), AuditEvent.class));
        }
      }
      return out;
    });
  }

  /** Streams with a server-side cursor (fetch size inside a transaction): memory stays flat. */
  @Override
  public void scanAudit(AuditRange r, Consumer<AuditEvent> each) {
    StringBuilder sql = new StringBuilder("SELECT event FROM audit WHERE true");
    List<Object> args = new ArrayList<>();
    filter(sql, args, r.unit(), r.type() == null ? null : r.type().name(), r.from(), r.until());
    sql.append(" ORDER BY seq");
    write("export audit", c -> {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        ps.setFetchSize(500);
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) each.accept(Json.MAPPER.readValue(rs.getString(1), AuditEvent.class));
        }
      } finally {
        rollbackQuietly(c);
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  /** Deletes in chunks, each its own short transaction, so decisions never wait behind a purge. */
  @Override
  public long purgeAuditOlderThan(Instant cutoff) {
    return write("purge audit before " + cutoff, c -> {
      long deleted = 0;
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM audit WHERE seq IN (SELECT seq FROM audit WHERE at_ms < ? LIMIT " + PURGE_CHUNK + ")")) {
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

  private static void filter(StringBuilder sql, List<Object> args, String unit, String type, Instant from, Instant until) {
    if (unit != null) {
      sql.append(" AND unit = ?");
      args.add(unit);
    }
    if (type != null) {
      sql.append(" AND type = ?");
      args.add(type);
    }
    if (from != null) {
      sql.append(" AND at_ms >= ?");
      args.add(from.toEpochMilli());
    }
    if (until != null) {
      sql.append(" AND at_ms < ?");
      args.add(until.toEpochMilli());
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
  }

  @Override
  public Optional<String> activePolicyVersion() {
    return read("read policy version", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM current_policy WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    });
  }

  @Override
  public Optional<PolicyActivation> activePolicy() {
    return read("read policy activation", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT a.seq, a.version, a.activated_at, a.actor, a.tables "
          + "FROM current_policy p JOIN policy_activation a ON a.seq = p.activation WHERE p.id = 1");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new PolicyActivation(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getString(4), rs.getBytes(5)));
      }
    });
  }

  @Override
  public PolicyActivation recordPolicyActivation(String version, Instant activatedAt, String actor, byte[] tables) {
    return write("record policy " + version, c -> {
      c.setAutoCommit(false);
      try {
        long seq;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_activation "
            + "(version, activated_at, actor, tables) VALUES (?, ?, ?, ?) RETURNING seq")) {
          ps.setString(1, version);
          ps.setTimestamp(2, Timestamp.from(activatedAt));
          ps.setString(3, actor);
          ps.setBytes(4, tables);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO current_policy (id, activation, version) "
            + "VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET activation = excluded.activation, version = excluded.version")) {
          ps.setLong(1, seq);
          ps.setString(2, version);
          ps.executeUpdate();
        }
        c.commit();
        return new PolicyActivation(seq, version, activatedAt, actor, tables);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  @Override
  public boolean writable() {
    return !closed && reachable;
  }

  @Override
  public String describe() {
    return url.where();
  }

  /**
   * Writes the last report and decision of every unit whose repeated report changed nothing else,
   * in one transaction; returns how many rows it changed. Only those two fields are set, and only
   * when the stored report is not newer, so a counter another replica committed meanwhile is kept
   * and a later report never goes back in time.
   */
  @Override
  public int flushReports() {
    if (unflushed.isEmpty()) return 0;
    List<UnitState> batch = new ArrayList<>(unflushed.values());
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE unit_state SET state = jsonb_set(jsonb_set(state, "
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
      batch.forEach(u -> unflushed.remove(u.unit(), u));
      return changed;
    } catch (SQLException | JsonProcessingException e) {
      throw failure("write last reports of " + batch.size() + " units", e);
    }
  }

  private void flushQuietly() {
    try {
      flushReports();
    } catch (RuntimeException e) {
      // the probe reports the outage; the reports stay queued for the next run
    }
  }

  @Override
  public void close() {
    if (closed) return;
    flushQuietly();
    closed = true;
    prober.shutdownNow();
    try {
      prober.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(probe);
    pool.close();
  }

  // ---- connections, failures and the probe

  @FunctionalInterface
  private interface Sql<T> {
    T apply(Connection c) throws SQLException, JsonProcessingException;
  }

  /** On the open transaction's connection when this thread has one, else on a pooled one. */
  private <T> T read(String what, Sql<T> fn) {
    Tx tx = current.get();
    if (tx != null && !tx.closed) {
      try {
        return fn.apply(tx.conn);
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        throw failure(what, e);
      }
    }
    return write(what, fn);
  }

  /** Always on a pooled connection of its own, never inside a decision's transaction. */
  private <T> T write(String what, Sql<T> fn) {
    Connection c = acquire(what);
    try {
      return fn.apply(c);
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      throw failure(what, e);
    } finally {
      closeQuietly(c);
    }
  }

  private Connection acquire(String what) {
    if (closed) {
      throw new StoreUnavailableException("store " + url + " is closed", null);
    }
    if (!reachable) {
      // the probe says the database is away: fail now instead of waiting for the pool
      throw new StoreUnavailableException("store " + url + " unreachable since " + unreachableSince
          + ": " + problem, null);
    }
    try {
      return pool.getConnection();
    } catch (SQLException | RuntimeException e) {
      throw failure(what, e);
    }
  }

  private StoreUnavailableException failure(String what, Throwable e) {
    if (e instanceof StoreUnavailableException sue) {
      return sue;
    }
    if (isConnectionProblem(e) && !closed) {
      // find out now whether the database is away, rather than at the next scheduled probe
      try {
        prober.execute(this::probe);
      } catch (RuntimeException rejected) {
        // closing: nothing to probe
      }
    }
    return new StoreUnavailableException(what + " on store " + url + ": " + rootMessage(e), e);
  }

  static boolean isConnectionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  private void probe() {
    if (closed) return;
    try {
      if (probe == null || !probe.isValid(probeTimeoutSeconds())) {
        closeQuietly(probe);
        probe = null;
        probe = new org.postgresql.Driver().connect(url.urlWithoutCredentials(), probeProperties());
        if (probe == null) {
          throw new SQLException("the PostgreSQL driver does not accept the URL");
        }
      }
      reachable();
    } catch (SQLException | RuntimeException e) {
      closeQuietly(probe);
      probe = null;
      unreachable(rootMessage(e));
    }
  }

  private int probeTimeoutSeconds() {
    return (int) Math.max(1, config.connectionTimeout().toSeconds());
  }

  private Properties probeProperties() {
    Properties p = driverProperties();
    p.setProperty("ApplicationName", "healguard-probe");
    if (url.user() != null) p.setProperty("user", url.user());
    if (url.password() != null) p.setProperty("password", url.password());
    return p;
  }

  /**
   * Back from an outage with a fresh pool: the old one's connection creator has backed off for
   * seconds after its failed attempts and would keep decisions waiting after the database is back.
   */
  private void reachable() {
    if (!reachable) {
      HikariDataSource old = pool;
      pool = openPool();
      reachable = true;
      LOG.info("store {} reachable again after {}", url, Duration.between(unreachableSince, WALL.instant()));
      Thread closer = new Thread(old::close, "healguard-store-pool-close");
      closer.setDaemon(true);
      closer.start();
    }
  }

  private void unreachable(String why) {
    problem = why;
    if (reachable) {
      unreachableSince = WALL.instant();
      reachable = false;
      LOG.warn("store {} unreachable: {}; decisions are BLOCK STORE_UNAVAILABLE until it is back", url, why);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return t == e ? m : e.getMessage() + " (" + m + ")";
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (c != null && !c.isClosed() && !c.getAutoCommit()) c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed: {}", e.toString());
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      if (c != null) c.close();
    } catch (SQLException e) {
      LOG.debug("closing a store connection failed: {}", e.toString());
    }
  }
}
