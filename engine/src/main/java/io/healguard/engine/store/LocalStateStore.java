package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.policy.UnitState;
import io.healguard.engine.store.internal.MemoryJournal;
import io.healguard.engine.store.internal.SqliteJournal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A store for one process: state cached in memory (authoritative, since no other process writes
 * the journal), one lock per unit, and a journal that makes each commit durable before the
 * cache changes. A reader therefore never sees state that a crash could take back.
 *
 * <p>A unit's lock and the fleet lock are one-permit semaphores, not thread-owned locks: after
 * {@link UnitTx#commitAndClose} the journal's writer thread publishes the durable state and
 * releases them, so the next decision still starts from durable state.
 */
public final class LocalStateStore implements StateStore {
  private final Journal journal;
  /** Per unit, its lock and latest durable state in one entry: one lookup per decision. */
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  /** How many slots hold a state: the unit count without walking the map. */
  private final AtomicInteger stored = new AtomicInteger();
  /** Units whose latest report is DOWN, with its time: the storm check reads only these. */
  private final Map<String, Instant> down = new ConcurrentHashMap<>();
  private final Semaphore fleetLock = new Semaphore(1);
  private volatile FleetState fleet;

  /** The lock is a one-permit semaphore; {@code state} is written only while holding it. */
  private static final class Slot {
    final Semaphore lock = new Semaphore(1);
    volatile UnitState state;
  }

  public LocalStateStore(Journal journal) {
    this.journal = journal;
    StoredState loaded = journal.load();
    loaded.units().values().forEach(u -> publish(slotOf(u.unit()), u));
    fleet = loaded.fleet();
  }

  /** The embedded default: a SQLite file in {@code dataDir}. */
  public static LocalStateStore sqlite(Path dataDir, SyncMode sync) {
    return new LocalStateStore(new SqliteJournal(dataDir, sync));
  }

  /** Nothing on disk: for simulations and what-if replays. */
  public static LocalStateStore memory() {
    return new LocalStateStore(new MemoryJournal());
  }

  @Override
  public UnitTx begin(String unit) {
    Slot slot = slotOf(unit);
    slot.lock.acquireUninterruptibly();
    return new Tx(unit, slot);
  }

  @Override
  public Optional<UnitTx> tryBegin(String unit) {
    Slot slot = slotOf(unit);
    return slot.lock.tryAcquire() ? Optional.of(new Tx(unit, slot)) : Optional.empty();
  }

  private Slot slotOf(String unit) {
    Slot slot = slots.get(unit); // computeIfAbsent locks the bin even when present
    return slot != null ? slot : slots.computeIfAbsent(unit, k -> new Slot());
  }

  /** Called with the slot's lock held (or before anyone can see the store). */
  private void publish(Slot slot, UnitState u) {
    UnitState old = slot.state;
    slot.state = u;
    if (old == null) stored.incrementAndGet();
    boolean isDown = u.lastReport() != null && u.lastReport().status() == HealthStatus.DOWN;
    if (isDown) {
      down.put(u.unit(), u.lastReport().at());
    } else if (old != null && old.lastReport() != null && old.lastReport().status() == HealthStatus.DOWN) {
      down.remove(u.unit());
    }
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
      return slot.state;
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
        LocalStateStore.this.publish(c.unit().unit().equals(unit) ? slot : slotOf(c.unit().unit()), c.unit());
      }
      if (c.fleet() != null) fleet = c.fleet();
    }

    @Override
    public void publishVolatile(UnitState state) {
      LocalStateStore.this.publish(state.unit().equals(unit) ? slot : slotOf(state.unit()), state);
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
    Slot slot = slots.get(unit);
    return Optional.ofNullable(slot == null ? null : slot.state);
  }

  @Override
  public Collection<UnitState> units() {
    List<UnitState> out = new ArrayList<>(stored.get());
    for (Slot slot : slots.values()) {
      UnitState u = slot.state;
      if (u != null) out.add(u);
    }
    return out;
  }

  @Override
  public int freshDownUnits(Instant since, String except, int enough) {
    int n = 0;
    for (Map.Entry<String, Instant> e : down.entrySet()) {
      if (n >= enough) break;
      if (!e.getKey().equals(except) && !e.getValue().isBefore(since)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public int unitCount() {
    return stored.get();
  }

  @Override
  public HealthStatus latestStatus(String unit) {
    Slot slot = slots.get(unit);
    UnitState u = slot == null ? null : slot.state;
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
    journal.close();
  }
}
