package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.store.internal.Daemons;
import io.healguard.engine.store.internal.MemoryJournal;
import io.healguard.engine.store.internal.SqliteJournal;
import io.healguard.engine.store.internal.UnitSlots;
import io.healguard.engine.store.internal.UnitSlots.Slot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A store for one process: state cached in memory (authoritative, since no other process writes
 * the journal), one lock per unit, and a journal that makes each commit durable before the
 * cache changes. A reader therefore never sees state that a crash could take back.
 *
 * <p>A decision that changes only what operators read (a repeated UP report: its last report and
 * decision) is published without a write; {@link #flushReports} writes those units' latest state
 * in one batch; the service's store runs it every {@code reportFlush} (1 s) and at close, so
 * after a kill -9 a unit's last report is at most that old.
 *
 * <p>A unit's lock and the fleet lock are one-permit semaphores, not thread-owned locks: after
 * {@link UnitTx#commitAndClose} the journal's writer thread publishes the durable state and
 * releases them, so the next decision still starts from durable state.
 */
public final class LocalStateStore implements StateStore {
  private final Journal journal;
  private final UnitSlots slots = new UnitSlots();
  private final Semaphore fleetLock = new Semaphore(1);
  private volatile FleetState fleet;
  /** Units whose published state is newer than their durable one (only in what is shown). */
  private final Map<String, UnitState> unflushed = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  /** The default interval of {@link #flushReports}. */
  public static final Duration DEFAULT_REPORT_FLUSH = Duration.ofSeconds(1);

  /** Over {@code journal}; shown last reports are written only on {@link #flushReports} (simulations, CLI). */
  public LocalStateStore(Journal journal) {
    this(journal, null);
  }

  /** {@code reportFlush}: how often, and at close, shown last reports are written; null: only on {@link #flushReports}. */
  public LocalStateStore(Journal journal, Duration reportFlush) {
    this.journal = journal;
    StoredState loaded = journal.load();
    loaded.units().values().forEach(u -> slots.publish(slots.slotOf(u.unit()), u));
    fleet = loaded.fleet();
    if (reportFlush == null) {
      flusher = null;
    } else {
      flusher = Daemons.single("healguard-report-flush");
      Daemons.every(flusher, reportFlush, this::flushQuietly);
    }
  }

  /** A SQLite file in {@code dataDir}; last reports written only on {@link #flushReports}. */
  public static LocalStateStore sqlite(Path dataDir, SyncMode sync) {
    return sqlite(dataDir, sync, null);
  }

  /** The service's store: as {@link #sqlite(Path, SyncMode)}, writing last reports every {@code reportFlush} and at close. */
  public static LocalStateStore sqlite(Path dataDir, SyncMode sync, Duration reportFlush) {
    return new LocalStateStore(new SqliteJournal(dataDir, sync), reportFlush);
  }

  /**
   * Writes the state of every unit whose last report was published without a write; returns how
   * many it wrote, once durable. A unit whose lock is busy is left for the next run: the decision
   * holding it writes a state at least as new. The unit stays locked until its write is durable,
   * so no later commit can be overwritten by an older state.
   */
  @Override
  public int flushReports() {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (Map.Entry<String, UnitState> e : unflushed.entrySet()) {
      Slot slot = slots.existing(e.getKey());
      if (slot == null || !slot.lock.tryAcquire()) continue;
      UnitState shown = e.getValue();
      unflushed.remove(e.getKey(), shown);
      if (slot.state() != shown) {
        slot.lock.release(); // a newer state replaced it: written, or itself in the map again
        continue;
      }
      // queued together, so the journal writes them in one batch
      writes.add(journal.writeAsync(new StoreCommit(shown, null, List.of())).whenComplete((ok, failed) -> {
        if (failed != null) unflushed.putIfAbsent(shown.unit(), shown); // the next run tries again
        slot.lock.release();
      }));
    }
    int written = 0;
    for (var w : writes) {
      try {
        w.join();
        written++;
      } catch (RuntimeException failed) {
        // kept in the map above; the journal reports its outage through writable()
      }
    }
    return written;
  }

  private void flushQuietly() {
    try {
      flushReports();
    } catch (RuntimeException e) {
      // the journal reports its own outage (writable() false); the next run tries again
    }
  }

  /** Nothing on disk: for simulations and what-if replays. */
  public static LocalStateStore memory() {
    return new LocalStateStore(new MemoryJournal());
  }

  @Override
  public UnitTx begin(String unit) {
    Slot slot = slots.slotOf(unit);
    slot.lock.acquireUninterruptibly();
    return new Tx(unit, slot);
  }

  @Override
  public Optional<UnitTx> tryBegin(String unit) {
    Slot slot = slots.slotOf(unit);
    return slot.lock.tryAcquire() ? Optional.of(new Tx(unit, slot)) : Optional.empty();
  }

  private final class Tx implements UnitTx {
    private final String unit;
    private final Slot slot;
    private boolean fleetLocked;
    private boolean closed;

    Tx(String unit, Slot slot) {
      this.unit = unit;
      this.slot = slot;
    }

    @Override
    public UnitState state() {
      return slot.state();
    }

    @Override
    public FleetState lockFleet() {
      if (!fleetLocked) {
        fleetLock.acquireUninterruptibly();
        fleetLocked = true;
      }
      return fleet;
    }

    @Override
    public FleetState tryLockFleet() {
      if (!fleetLocked) {
        if (!fleetLock.tryAcquire()) return null;
        fleetLocked = true;
      }
      return fleet;
    }

    @Override
    public void releaseFleet() {
      if (fleetLocked) {
        fleetLocked = false;
        fleetLock.release();
      }
    }

    @Override
    public void commit(StoreCommit c) {
      if (c.fleet() != null && !fleetLocked) {
        throw new IllegalStateException("unit " + unit + ": fleet state written without lockFleet()");
      }
      journal.write(c);
      publish(c);
    }

    @Override
    public CompletionStage<Void> commitAndClose(StoreCommit c) {
      if (closed) {
        throw new IllegalStateException("unit " + unit + ": transaction already closed");
      }
      if (c.fleet() != null && !fleetLocked) {
        throw new IllegalStateException("unit " + unit + ": fleet state written without lockFleet()");
      }
      closed = true;
      boolean releaseFleet = fleetLocked;
      return journal.writeAsync(c).whenComplete((ok, failed) -> {
        if (failed == null) publish(c);
        if (releaseFleet) fleetLock.release();
        slot.lock.release();
      });
    }

    private void publish(StoreCommit c) {
      if (c.unit() != null) {
        slots.publish(c.unit().unit().equals(unit) ? slot : slots.slotOf(c.unit().unit()), c.unit());
      }
      if (c.fleet() != null) fleet = c.fleet();
    }

    @Override
    public void publishVolatile(UnitState state) {
      slots.publish(state.unit().equals(unit) ? slot : slots.slotOf(state.unit()), state);
      unflushed.put(state.unit(), state);
    }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      if (fleetLocked) fleetLock.release();
      slot.lock.release();
    }
  }

  @Override
  public Optional<UnitState> unit(String unit) {
    return Optional.ofNullable(slots.state(unit));
  }

  @Override
  public Collection<UnitState> units() {
    return slots.states();
  }

  @Override
  public int freshDownUnits(Instant since, String except, int enough) {
    return slots.freshDown(since, except, enough);
  }

  @Override
  public int unitCount() {
    return slots.count();
  }

  @Override
  public HealthStatus latestStatus(String unit) {
    UnitState u = slots.state(unit);
    return u == null ? null : u.status();
  }

  @Override
  public FleetState fleet() {
    return fleet;
  }

  @Override
  public void appendAudit(AuditEvent event) {
    journal.write(StoreCommit.audit(event));
  }

  @Override
  public List<AuditEvent> audit(AuditQuery query) {
    return journal.audit(query);
  }

  @Override
  public void scanAudit(AuditRange range, Consumer<AuditEvent> each) {
    journal.scanAudit(range, each);
  }

  @Override
  public long purgeAuditOlderThan(Instant cutoff) {
    return journal.purgeAuditOlderThan(cutoff);
  }

  @Override
  public boolean writable() {
    return journal.healthy();
  }

  @Override
  public String describe() {
    return journal.describe();
  }

  @Override
  public void close() {
    if (flusher != null) {
      Daemons.stop(flusher);
      // the last reports shown so far are what a restart shows; the journal drains queued writes on close
      flushQuietly();
    }
    journal.close();
  }
}
