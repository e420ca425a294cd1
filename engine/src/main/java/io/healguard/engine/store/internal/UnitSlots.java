package io.healguard.engine.store.internal;

import io.healguard.engine.decision.UnitState;
import io.healguard.engine.health.HealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local store's memory: per unit its lock and latest durable (or published) state, with the
 * indexes the decisions' queries read (how many units, which are DOWN since when), so none of
 * them walks every unit.
 */
public final class UnitSlots {
  /** Per unit, its lock and latest durable state in one entry: one lookup per decision. */
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  /** How many slots hold a state: the unit count without walking the map. */
  private final AtomicInteger stored = new AtomicInteger();
  /** Units whose latest report is DOWN, with its time: the storm check reads only these. */
  private final Map<String, Instant> down = new ConcurrentHashMap<>();

  /**
   * One unit's lock, a one-permit semaphore rather than a thread-owned lock (a writer thread may
   * release it after the commit is durable), and its state, written only while holding it.
   */
  public static final class Slot {
    public final Semaphore lock = new Semaphore(1);
    private volatile UnitState state;

    public UnitState state() {
      return state;
    }
  }

  public Slot slotOf(String unit) {
    Slot slot = slots.get(unit); // computeIfAbsent locks the bin even when present
    return slot != null ? slot : slots.computeIfAbsent(unit, k -> new Slot());
  }

  /** The slot of a unit already seen, or null. */
  public Slot existing(String unit) {
    return slots.get(unit);
  }

  /** Called with the slot's lock held (or before anyone can see the store). */
  public void publish(Slot slot, UnitState u) {
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

  public UnitState state(String unit) {
    Slot slot = slots.get(unit);
    return slot == null ? null : slot.state;
  }

  public Collection<UnitState> states() {
    List<UnitState> out = new ArrayList<>(stored.get());
    for (Slot slot : slots.values()) {
      UnitState u = slot.state;
      if (u != null) out.add(u);
    }
    return out;
  }

  public int count() {
    return stored.get();
  }

  /** As {@code StateStore.freshDownUnits}: stops at {@code enough}. */
  public int freshDown(Instant since, String except, int enough) {
    int n = 0;
    for (Map.Entry<String, Instant> e : down.entrySet()) {
      if (n >= enough) break;
      if (!e.getKey().equals(except) && !e.getValue().isBefore(since)) {
        n++;
      }
    }
    return n;
  }
}
