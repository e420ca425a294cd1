package io.healguard.tables.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.decision.Action;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.rules.table.FactSpace;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled tables against {@link ReferencePolicy} over every situation the engine can ask: if
 * they differ, either the tables no longer say runbook v1 or the reference is out of date.
 */
class ReferencePolicyTest {
  private static final int SHOWN = 10;

  private static PolicySnapshot bundled;
  private final ReferencePolicy reference = new ReferencePolicy();

  @BeforeAll
  static void compileBundledTables() {
    bundled = new PolicyCompiler(MutableClock.at("2025-01-01T00:00:00Z")).compile(Fixtures.bundledTables());
  }

  @Test
  void shouldDecideLikeTheBundledTablesInEverySituation() {
    List<Situation> space = FactSpace.all();

    List<String> differences = differences(bundled, space);

    assertThat(differences.stream().limit(SHOWN).collect(Collectors.joining("\n")))
        .as("%d of %d situations decided differently (first %d shown as facts: table | reference)",
            differences.size(), space.size(), SHOWN)
        .isEmpty();
  }

  @Test
  void shouldReachEveryDefaultRowSoTheComparisonCoversThemAll() {
    Set<String> defaultRows = PolicyTables.defaultGates().stream()
        .map(PolicyTables.GateRow::name)
        .collect(Collectors.toCollection(TreeSet::new));

    Set<String> reached = FactSpace.all().stream()
        .map(s -> reference.decide(s.copyFacts()).row())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(reached).isEqualTo(defaultRows);
  }

  @Test
  void shouldAnswerFromRememberedVerdictsExactlyAsTheTableDid() {
    PolicySnapshot fresh = new PolicyCompiler(MutableClock.at("2025-01-01T00:00:00Z")).compile(Fixtures.bundledTables());
    List<Situation> space = FactSpace.all();

    List<String> asked = differences(fresh, space);
    int remembered = fresh.rememberedVerdicts();
    List<String> answeredFromMemory = differences(fresh, space);

    assertThat(asked).isEmpty();
    assertThat(remembered)
        .as("one remembered verdict per situation: the key tells every pair of situations apart")
        .isEqualTo(space.size());
    assertThat(answeredFromMemory).as("second pass, every verdict remembered").isEmpty();
  }

  private List<String> differences(PolicySnapshot policy, List<Situation> space) {
    List<String> out = new ArrayList<>();
    for (Situation s : space) {
      Outcome table = Outcome.of(policy.decide(s.copyFacts()));
      Outcome plain = Outcome.of(reference.decide(s.copyFacts()));
      if (!table.equals(plain)) {
        out.add(s + ": " + table + " | " + plain);
      }
    }
    return out;
  }

  /** The parts of a verdict that are policy; text and runbook link are wording. */
  private record Outcome(Action action, String reason, String recommendation, String row) {
    static Outcome of(Verdict v) {
      return v == null ? new Outcome(null, null, null, "no row")
          : new Outcome(v.action(), v.reason(), v.recommendation(), v.row());
    }

    @Override
    public String toString() {
      return row + " " + action + " " + reason + " " + recommendation;
    }
  }
}
