package io.healguard.engine.drift;

import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.policy.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must be sent to the engine so that the drift facts it holds equal the ones a check found:
 * a new kind is added, a kind whose detail or severity changed is updated (keeping its first
 * {@code since}: it is the same problem), a kind no longer found is cleared, of any unit (the
 * check is the only source of drift facts), and an unchanged fact is not sent at all, so a
 * unit's last decision stays as it was. Pure: the same inputs give the same changes, in unit
 * then kind order.
 */
public final class DriftReconciler {
  public enum ChangeType { ADDED, UPDATED, CLEARED }

  /** One input to decide; {@code type} says why it is sent. */
  public record Change(String unit, String kind, ChangeType type, Input input) {}

  private DriftReconciler() {}

  /**
   * {@code desired}: the facts per unit a check found ({@link Attribution#facts}); {@code held}:
   * the facts the engine holds per unit (units without facts may be left out).
   */
  public static List<Change> plan(Map<String, Map<String, DriftFact>> desired, Map<String, List<DriftFact>> held) {
    Set<String> scope = new TreeSet<>(desired.keySet());
    held.forEach((unit, facts) -> {
      if (!facts.isEmpty()) {
        scope.add(unit);
      }
    });
    List<Change> changes = new ArrayList<>();
    for (String unit : scope) {
      List<DriftFact> have = held.getOrDefault(unit, List.of());
      Map<String, DriftFact> want = desired.getOrDefault(unit, Map.of());
      for (DriftFact fact : want.values()) {
        Optional<DriftFact> same = have.stream().filter(h -> h.kind().equals(fact.kind())).findFirst();
        if (same.isPresent() && same.get().sameFinding(fact)) {
          continue;
        }
        DriftFact sent = same.map(h -> new DriftFact(fact.kind(), fact.severity(), fact.detail(), h.since())).orElse(fact);
        changes.add(new Change(unit, fact.kind(), same.isPresent() ? ChangeType.UPDATED : ChangeType.ADDED,
            new Input.Drift(unit, sent)));
      }
      for (DriftFact h : have) {
        if (!want.containsKey(h.kind())) {
          changes.add(new Change(unit, h.kind(), ChangeType.CLEARED, new Input.DriftClear(unit, h.kind())));
        }
      }
    }
    return changes;
  }
}
