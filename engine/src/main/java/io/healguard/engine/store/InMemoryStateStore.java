package io.healguard.engine.store;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.policy.UnitState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A store that keeps everything in memory: for simulations and what-if replays, never the service. */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, UnitState> units = new HashMap<>();
  private final List<AuditEvent> events = new ArrayList<>();
  private FleetState fleet = FleetState.CALM;

  @Override
  public synchronized StoredState load() {
    return new StoredState(Map.copyOf(units), fleet);
  }

  @Override
  public synchronized void commit(StoreCommit c) {
    if (c.unit() != null) units.put(c.unit().unit(), c.unit());
    if (c.fleet() != null) fleet = c.fleet();
    events.addAll(c.events());
  }

  @Override
  public synchronized List<AuditEvent> audit(AuditQuery q) {
    List<AuditEvent> out = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0 && out.size() < q.limit(); i--) {
      if (q.matches(events.get(i))) out.add(events.get(i));
    }
    return out;
  }

  @Override
  public boolean writable() {
    return true;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {}
}
