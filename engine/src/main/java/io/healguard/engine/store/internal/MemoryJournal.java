package io.healguard.engine.store.internal;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.Journal;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoredState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Keeps the audit in memory; state lives in the store's cache. For simulations only. */
public final class MemoryJournal implements Journal {
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public StoredState load() {
    return new StoredState(Map.of(), FleetState.CALM);
  }

  @Override
  public synchronized void write(StoreCommit c) {
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
  public void scanAudit(AuditRange range, Consumer<AuditEvent> each) {
    List<AuditEvent> copy;
    synchronized (this) {
      copy = List.copyOf(events);
    }
    copy.stream().filter(range::matches).forEach(each);
  }

  @Override
  public synchronized long purgeAuditOlderThan(Instant cutoff) {
    int before = events.size();
    events.removeIf(e -> e.at().isBefore(cutoff));
    return before - events.size();
  }

  @Override
  public boolean healthy() {
    return true;
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {}
}
