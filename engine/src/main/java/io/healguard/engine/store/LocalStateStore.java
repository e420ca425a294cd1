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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A store for one process: state cached in memory (authoritative, since no other process writes
 * the journal), one lock per unit, and a journal that makes each commit durable before the
 * cache changes. A reader therefore never sees state that a crash could take back.
 */
public final class LocalStateStore implements StateStore {
  private final Journal journal;
  private final Map<String, UnitState> units = new ConcurrentHashMap<>();
  /** Units whose latest report is DOWN, with its time: the storm check reads only these. */
  private final Map<String, Instant> down = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final ReentrantLock fleetLock = new ReentrantLock();
  private volatile FleetState fleet;

  public LocalStateStore(Journal journal) {
    this.journal = journal;
    StoredState loaded = journal.load();
    units.putAll(loaded.units());
    loaded.units().values().forEach(this::indexDown);
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
    ReentrantLock lock = locks.computeIfAbsent(unit, k -> new ReentrantLock());
    lock.lock();
    return new Tx(unit, lock);
  }

  @Override
  public Optional<UnitTx> tryBegin(String unit) {
    ReentrantLock lock = locks.computeIfAbsent(unit, k -> new ReentrantLock());
    return lock.tryLock() ? Optional.of(new Tx(unit, lock)) : Optional.empty();
  }

  private final class Tx implements UnitTx {
    private final String unit;
    private final ReentrantLock lock;
    private boolean fleetLocked;
    private boolean closed;

    Tx(String unit, ReentrantLock lock) {
      this.unit = unit;
      this.lock = lock;
    }

    @Override
    public UnitState state() {
      return units.get(unit);
    }

    @Override
    public FleetState lockFleet() {
      if (!fleetLocked) {
        fleetLock.lock();
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
      if (c.unit() != null) {
        units.put(c.unit().unit(), c.unit());
        indexDown(c.unit());
      }
      if (c.fleet() != null) fleet = c.fleet();
    }

    @Override
    public void publishVolatile(UnitState state) {
      units.put(state.unit(), state);
      indexDown(state);
    }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      if (fleetLocked) fleetLock.unlock();
      lock.unlock();
    }
  }

  @Override
  public Optional<UnitState> unit(String unit) {
    return Optional.ofNullable(units.get(unit));
  }

  @Override
  public Collection<UnitState> units() {
    return List.copyOf(units.values());
  }

  private void indexDown(UnitState u) {
    if (u.lastReport() != null && u.lastReport().status() == HealthStatus.DOWN) {
      down.put(u.unit(), u.lastReport().at());
    } else {
      down.remove(u.unit());
    }
  }

  @Override
  public int freshDownUnits(Instant since, String except) {
    int n = 0;
    for (Map.Entry<String, Instant> e : down.entrySet()) {
      if (!e.getKey().equals(except) && !e.getValue().isBefore(since)) {
        n++;
      }
    }
    return n;
  }

  @Override
  public int unitCount() {
    return units.size();
  }

  @Override
  public HealthStatus latestStatus(String unit) {
    UnitState u = units.get(unit);
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
