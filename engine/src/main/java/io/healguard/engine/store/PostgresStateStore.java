package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.store.internal.Daemons;
import io.healguard.engine.store.internal.Migrations;
import io.healguard.engine.store.internal.PgConnections;
import io.healguard.engine.store.internal.PgPolicies;
import io.healguard.engine.store.internal.PgQueries;
import io.healguard.engine.store.internal.PgUnitTx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store: several replicas decide over one PostgreSQL database and never both commit a
 * decision for the same unit made on the same state.
 *
 * <p>{@link #begin} serializes decisions on a unit within this process with a local lock, and
 * across replicas with the unit's row ({@link PgUnitTx}): a unit whose last decision here wrote
 * nothing is read without a transaction, so a steady report costs one query, and a decision that
 * turns out to write locks the row and commits only if nobody wrote it since the read; any other
 * unit gets its row locked at once, as every decision did before. {@link UnitTx#commit} returns only after {@code COMMIT} succeeded.
 * Nothing decided is cached: every decision reads the state the last replica committed,
 * overrides and drift findings included. A replica that dies mid-decision loses its connection
 * and with it its locks and its uncommitted writes.
 *
 * <p>Outage ({@link PgConnections}): while the probe fails, {@link #writable()} is false and
 * every {@code begin} and read throws {@link StoreUnavailableException} at once. A {@code COMMIT}
 * whose answer is lost with the connection is reported as a failure (the decision is {@code BLOCK
 * STORE_UNAVAILABLE}) even though it may have been stored: the audit may then hold a decision
 * nobody acted on, never the reverse.
 */
public final class PostgresStateStore implements StateStore, PolicyRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresStateStore.class);
  /**
   * How long the unit count may be reused: it sizes the storm threshold (a fraction of the fleet)
   * and changes only when a unit is first stored; this replica's own new units count at once.
   */
  private static final Duration UNIT_COUNT_REUSE = Duration.ofSeconds(1);

  private final PgConnections db;
  private final PgQueries queries;
  private final PgPolicies policies;
  private final ThreadLocal<PgUnitTx> current = new ThreadLocal<>();
  private final ScheduledExecutorService flusher = Daemons.single("healguard-store-flush");
  /** One decision per unit at a time in this process; replicas meet at the unit's row. */
  private final Map<String, Semaphore> localLocks = new ConcurrentHashMap<>();
  /**
   * Units whose next decision may read without locking: their last one here wrote nothing. Any
   * other (never decided here, or last wrote, or lost a race) locks first, so a unit that keeps
   * changing (a crash loop two replicas decide at once) never races; only a steady one reads.
   */
  private final Set<String> readFirst = ConcurrentHashMap.newKeySet();
  /** Last reports published without a commit (a repeated UP), written by {@link #flushReports}. */
  private final Map<String, UnitState> unflushed = new ConcurrentHashMap<>();
  private final PgUnitTx.Hooks hooks = new PgUnitTx.Hooks() {
    @Override
    public void published(UnitState s) {
      unflushed.put(s.unit(), s);
    }

    @Override
    public void ended(String unit, boolean lockNext, boolean created) {
      if (lockNext) readFirst.remove(unit);
      else readFirst.add(unit);
      if (created) countStale = true;
    }
  };
  private volatile int counted;
  private volatile long countedAtNanos;
  private volatile boolean countStale = true;
  private volatile boolean closed;

  private PostgresStateStore(PostgresStoreConfig config) {
    this.db = new PgConnections(config);
    try {
      Migrations.postgres(db.pool(), db.url().schema());
    } catch (RuntimeException e) {
      db.close();
      throw new StoreUnavailableException("cannot migrate store " + db.url() + ": " + e.getMessage(), e);
    }
    queries = new PgQueries(db, current);
    policies = new PgPolicies(db);
    db.startProbe();
    Daemons.every(flusher, LocalStateStore.DEFAULT_REPORT_FLUSH, this::flushQuietly);
    LOG.info("store {} open: pool {}, connection timeout {}", db.url(), config.poolSize(), config.connectionTimeout());
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

  @Override
  public UnitTx begin(String unit) {
    PgUnitTx open = current.get();
    if (open != null) {
      throw new IllegalStateException("unit " + unit + ": a transaction for unit " + open.unit()
          + " is still open on this thread; close it first");
    }
    if (closed) {
      throw new StoreUnavailableException("store " + db.url() + " is closed", null);
    }
    Semaphore local = localLocks.computeIfAbsent(unit, u -> new Semaphore(1));
    local.acquireUninterruptibly();
    return PgUnitTx.begin(db, unit, local, current, hooks, !readFirst.contains(unit));
  }

  @Override
  public Optional<UnitState> unit(String unit) {
    return queries.unit(unit);
  }

  @Override
  public Collection<UnitState> units() {
    return queries.units();
  }

  @Override
  public int unitCount() {
    if (!countStale && System.nanoTime() - countedAtNanos < UNIT_COUNT_REUSE.toNanos()) {
      return counted;
    }
    // cleared before counting: a unit stored meanwhile marks it stale again
    countStale = false;
    long at = System.nanoTime();
    counted = queries.unitCount();
    countedAtNanos = at;
    return counted;
  }

  @Override
  public int freshDownUnits(Instant since, String except, int enough) {
    return queries.freshDownUnits(since, except, enough);
  }

  @Override
  public HealthStatus latestStatus(String unit) {
    return queries.latestStatus(unit);
  }

  @Override
  public FleetState fleet() {
    return queries.fleet();
  }

  @Override
  public void appendAudit(AuditEvent event) {
    queries.appendAudit(event);
  }

  @Override
  public List<AuditEvent> audit(AuditQuery q) {
    return queries.audit(q);
  }

  @Override
  public void scanAudit(AuditRange r, Consumer<AuditEvent> each) {
    queries.scanAudit(r, each);
  }

  @Override
  public long purgeAuditOlderThan(Instant cutoff) {
    return queries.purgeAuditOlderThan(cutoff);
  }

  @Override
  public Optional<String> activePolicyVersion() {
    return policies.activePolicyVersion();
  }

  @Override
  public Optional<PolicyActivation> activePolicy() {
    return policies.activePolicy();
  }

  @Override
  public PolicyActivation recordPolicyActivation(String version, Instant activatedAt, String actor, byte[] tables) {
    return policies.recordPolicyActivation(version, activatedAt, actor, tables);
  }

  @Override
  public boolean writable() {
    return !closed && db.writable();
  }

  @Override
  public String describe() {
    return db.url().where();
  }

  /**
   * Writes the last report and decision of every unit whose repeated report changed nothing else,
   * in one transaction; returns how many rows it changed (see {@link PgQueries#writeLastReports}).
   */
  @Override
  public int flushReports() {
    if (unflushed.isEmpty()) return 0;
    List<UnitState> batch = new ArrayList<>(unflushed.values());
    int changed = queries.writeLastReports(batch);
    batch.forEach(u -> unflushed.remove(u.unit(), u));
    return changed;
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
    Daemons.stop(flusher);
    db.close();
  }
}
