package io.healguard.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.drift.DriftReconciler.Change;
import io.healguard.engine.drift.DriftReconciler.ChangeType;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.DriftSeverity;
import io.healguard.engine.policy.Input;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The changes that make the engine's drift facts equal to a check's (docs/runtime-contract.md, "Only changes are sent"). */
class DriftReconcilerTest {
  static final Instant FIRST = Instant.parse("2030-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2030-01-01T01:00:00Z");

  static DriftFact fact(String kind, String detail, Instant since) {
    return new DriftFact(kind, DriftSeverity.ERROR, detail, since);
  }

  @Test
  void shouldAddAKindTheEngineDoesNotHold() {
    DriftFact found = fact("interpreter-mismatch", "a.service:4: runs /usr/bin/python3", NOW);

    List<Change> changes = DriftReconciler.plan(Map.of("a.service", Map.of(found.kind(), found)), Map.of());

    assertThat(changes).containsExactly(new Change("a.service", "interpreter-mismatch", ChangeType.ADDED,
        new Input.Drift("a.service", found)));
  }

  @Test
  void shouldSendNothingForAFactTheEngineHoldsAlready() {
    DriftFact held = fact("interpreter-mismatch", "a.service:4: runs /usr/bin/python3", FIRST);
    DriftFact found = fact("interpreter-mismatch", "a.service:4: runs /usr/bin/python3", NOW);

    List<Change> changes = DriftReconciler.plan(Map.of("a.service", Map.of(found.kind(), found)),
        Map.of("a.service", List.of(held)));

    assertThat(changes).isEmpty();
  }

  @Test
  void shouldUpdateAChangedDetailAndKeepTheFirstSince() {
    DriftFact held = fact("interpreter-mismatch", "a.service:4: runs /usr/bin/python3", FIRST);
    DriftFact found = fact("interpreter-mismatch", "a.service:5: runs /usr/bin/python3.9", NOW);

    List<Change> changes = DriftReconciler.plan(Map.of("a.service", Map.of(found.kind(), found)),
        Map.of("a.service", List.of(held)));

    assertThat(changes).containsExactly(new Change("a.service", "interpreter-mismatch", ChangeType.UPDATED,
        new Input.Drift("a.service", fact("interpreter-mismatch", "a.service:5: runs /usr/bin/python3.9", FIRST))));
  }

  @Test
  void shouldClearAKindNoLongerFound() {
    DriftFact held = fact("working-dir-mismatch", "a.service:6: /srv/old", FIRST);

    List<Change> changes = DriftReconciler.plan(Map.of("a.service", Map.of()), Map.of("a.service", List.of(held)));

    assertThat(changes).containsExactly(new Change("a.service", "working-dir-mismatch", ChangeType.CLEARED,
        new Input.DriftClear("a.service", "working-dir-mismatch")));
  }

  @Test
  void shouldClearTheFactsOfAUnitTheCheckNoLongerCovers() {
    DriftFact held = fact("unit-missing", "contract.yaml:7: gone.service is missing", FIRST);

    List<Change> changes = DriftReconciler.plan(Map.of(), Map.of("gone.service", List.of(held)));

    assertThat(changes).extracting(Change::unit, Change::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("gone.service", ChangeType.CLEARED));
  }

  @Test
  void shouldOrderChangesByUnit() {
    DriftFact a = fact("interpreter-mismatch", "x", NOW);

    List<Change> changes = DriftReconciler.plan(Map.of("b.service", Map.of(a.kind(), a), "a.service", Map.of(a.kind(), a)), Map.of());

    assertThat(changes).extracting(Change::unit).containsExactly("a.service", "b.service");
  }
}
