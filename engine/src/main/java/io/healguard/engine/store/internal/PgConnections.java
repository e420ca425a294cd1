package io.healguard.engine.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.healguard.engine.store.PostgresStoreConfig;
import io.healguard.engine.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL store's connections: the pool, and the outage probe that decides whether to use
 * it. A dedicated probe connection checks the database every {@code probeInterval}, and at once
 * after any connection failure; while it fails, {@link #acquire} throws {@link
 * StoreUnavailableException} at once instead of waiting for the pool. When it succeeds again the
 * pool is replaced by a fresh one: the old one's connection creator has backed off for seconds
 * after its failed attempts and would keep decisions waiting after the database is back.
 */
public final class PgConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgConnections.class);
  private static final int SOCKET_TIMEOUT_SECONDS = 30;
  // wall time for operators' log lines about outages; decisions never read it
  private static final Clock WALL = Clock.systemUTC();

  private final PostgresStoreConfig config;
  private final PgUrl url;
  private final ScheduledExecutorService prober = Daemons.single("healguard-store-probe");
  private volatile HikariDataSource pool;
  private volatile boolean reachable = true;
  private volatile Instant unreachableSince;
  private volatile String problem;
  private volatile boolean closed;
  private Connection probe; // the prober thread's alone

  /** @throws StoreUnavailableException when no connection can be made within the timeout */
  public PgConnections(PostgresStoreConfig config) {
    this.config = config;
    this.url = PgUrl.parse(config.url());
    this.pool = openPool();
  }

  /** Starts the probe; call once the schema is in place. */
  public void startProbe() {
    Daemons.every(prober, config.probeInterval(), this::probe);
  }

  public PgUrl url() {
    return url;
  }

  /** For the schema migration only: decisions take connections through {@link #acquire}. */
  public DataSource pool() {
    return pool;
  }

  /** A pooled connection in auto-commit mode; the caller closes it. */
  public Connection acquire(String what) {
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

  /** Runs {@code fn} on a pooled connection of its own. */
  public <T> T with(String what, Sql<T> fn) {
    Connection c = acquire(what);
    try {
      return fn.apply(c);
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      throw failure(what, e);
    } finally {
      closeQuietly(c);
    }
  }

  /** One statement's work on a connection. */
  @FunctionalInterface
  public interface Sql<T> {
    T apply(Connection c) throws SQLException, JsonProcessingException;
  }

  public boolean writable() {
    return !closed && reachable;
  }

  /** The exception to throw for {@code e}; a lost connection also triggers a probe now. */
  public StoreUnavailableException failure(String what, Throwable e) {
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

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    Daemons.stop(prober);
    closeQuietly(probe);
    pool.close();
  }

  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return t == e ? m : e.getMessage() + " (" + m + ")";
  }

  public static void rollbackQuietly(Connection c) {
    try {
      if (c != null && !c.isClosed() && !c.getAutoCommit()) c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed: {}", e.toString());
    }
  }

  public static void closeQuietly(Connection c) {
    try {
      if (c != null) c.close();
    } catch (SQLException e) {
      LOG.debug("closing a store connection failed: {}", e.toString());
    }
  }
}
