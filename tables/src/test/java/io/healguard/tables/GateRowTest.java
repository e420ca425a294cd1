package io.healguard.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.decision.Action;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.testing.Fixtures;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per row of the bundled gates table: the facts under which that row, and no earlier
 * one, decides. Compiled from decision-tables/ on disk, as the service does.
 */
class GateRowTest {
  static PolicySnapshot policy;

  @BeforeAll
  static void compile() {
    policy = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("DT-GATES-001", "OVERRIDE HOLD", "", Action.NONE, "HOLD_SET"),
        Arguments.of("DT-GATES-002", "OVERRIDE RELEASE", "holdActive", Action.NONE, "HOLD_RELEASED"),
        Arguments.of("DT-GATES-003", "OVERRIDE RESET", "circuit=OPEN", Action.NONE, "MANUAL_RESET"),
        Arguments.of("DT-GATES-004", "OVERRIDE FORCE_RESTART", "holdActive circuit=OPEN", Action.RESTART, "MANUAL_FORCE"),
        Arguments.of("DT-GATES-005", "DRIFT ERROR", "", Action.RECOMMEND, "RUNTIME_DRIFT"),
        Arguments.of("DT-GATES-006", "DRIFT WARNING", "", Action.NONE, "DRIFT_WARNING"),
        Arguments.of("DT-GATES-007", "DRIFT CLEARED", "driftError", Action.NONE, "DRIFT_CLEARED"),
        Arguments.of("DT-GATES-008", "REPORT UP", "stableReached circuit=HALF_OPEN", Action.NONE, "CIRCUIT_CLOSED"),
        Arguments.of("DT-GATES-009", "REPORT UP", "stableReached circuit=OPEN cooloffOver", Action.NONE, "CIRCUIT_CLOSED"),
        Arguments.of("DT-GATES-010", "REPORT UP", "stableReached backoffActive", Action.NONE, "BACKOFF_RESET"),
        Arguments.of("DT-GATES-011", "REPORT UP", "circuit=OPEN stableReached", Action.NONE, "HEALTHY"),
        Arguments.of("DT-GATES-012", "REPORT DEGRADED", "", Action.RECOMMEND, "DEGRADED_PERSISTENT"),
        Arguments.of("DT-GATES-013", "REPORT DEGRADED", "belowThreshold", Action.NONE, "BELOW_THRESHOLD"),
        Arguments.of("DT-GATES-014", "REPORT DOWN", "belowThreshold holdActive storm", Action.NONE, "BELOW_THRESHOLD"),
        Arguments.of("DT-GATES-015", "REPORT DOWN", "holdActive driftError storm", Action.BLOCK, "MANUAL_HOLD"),
        Arguments.of("DT-GATES-016", "REPORT DOWN", "driftError dependencyDown", Action.BLOCK, "RUNTIME_DRIFT"),
        Arguments.of("DT-GATES-027", "REPORT DOWN", "cause=RUNTIME_BROKEN dependencyDown storm", Action.ESCALATE, "NON_TRANSIENT_FAILURE"),
        Arguments.of("DT-GATES-028", "REPORT DOWN", "cause=CONFIG_ERROR nonTransientEpisode circuit=OPEN", Action.BLOCK, "NON_TRANSIENT_FAILURE"),
        Arguments.of("DT-GATES-017", "REPORT DOWN", "cause=OOM dependencyDown storm", Action.BLOCK, "DEPENDENCY_DOWN"),
        Arguments.of("DT-GATES-018", "REPORT DOWN", "storm circuit=OPEN", Action.ESCALATE, "FLEET_STORM"),
        Arguments.of("DT-GATES-019", "REPORT DOWN", "storm stormEpisodeActive", Action.BLOCK, "FLEET_STORM"),
        Arguments.of("DT-GATES-020", "REPORT DOWN", "circuit=OPEN cooldownActive", Action.BLOCK, "CIRCUIT_OPEN"),
        Arguments.of("DT-GATES-021", "REPORT DOWN", "circuit=OPEN cooloffOver churnAtMax", Action.RESTART, "HALF_OPEN_PROBE"),
        Arguments.of("DT-GATES-022", "REPORT DOWN", "circuit=HALF_OPEN cooldownActive", Action.ESCALATE, "PROBE_FAILED"),
        Arguments.of("DT-GATES-023", "REPORT DOWN", "cooldownActive churnAtMax", Action.BLOCK, "COOLDOWN_ACTIVE"),
        Arguments.of("DT-GATES-024", "REPORT DOWN", "churnAtMax safetyEnvelopeReached", Action.ESCALATE, "CHURN_LIMIT_REACHED"),
        Arguments.of("DT-GATES-025", "REPORT DOWN", "safetyEnvelopeReached", Action.BLOCK, "SAFETY_ENVELOPE"),
        Arguments.of("DT-GATES-029", "REPORT DOWN", "cause=OOM nonTransientEpisode", Action.RESTART, "RESTART_PERMITTED"),
        Arguments.of("DT-GATES-030", "REPORT DOWN", "cause=CRASH", Action.RESTART, "RESTART_PERMITTED"),
        Arguments.of("DT-GATES-031", "REPORT DOWN", "cause=HANG", Action.RESTART, "RESTART_PERMITTED"),
        Arguments.of("DT-GATES-026", "REPORT DOWN", "cause=UNKNOWN", Action.RESTART, "RESTART_PERMITTED"));
  }

  @ParameterizedTest(name = "{0}: {1} [{2}] -> {3} {4}")
  @MethodSource("rows")
  void shouldDecideByItsRow(String row, String input, String facts, Action action, String reason) {
    Situation s = situation(input, facts);

    Verdict v = policy.decide(s);

    assertThat(v).extracting(Verdict::row, Verdict::action, Verdict::reason).containsExactly(row, action, reason);
  }

  @Test
  void shouldHaveACaseForEveryGateRow() {
    Set<String> tested = rows().map(a -> (String) a.get()[0]).collect(Collectors.toSet());

    Set<String> rows = policy.gateRows().keySet();

    assertThat(tested).isEqualTo(rows);
  }

  /** "REPORT DOWN" and "holdActive circuit=OPEN": bare names are true booleans. */
  static Situation situation(String input, String facts) {
    Situation s = new Situation();
    String[] ie = input.split(" ");
    s.setInput(ie[0]);
    s.setEvent(ie[1]);
    for (String f : facts.trim().split("\\s+")) {
      if (f.isEmpty()) continue;
      if (f.startsWith("circuit=")) {
        s.setCircuit(f.substring(8));
        continue;
      }
      if (f.startsWith("cause=")) {
        s.setCause(f.substring(6));
        continue;
      }
      switch (f) {
        case "belowThreshold" -> s.setBelowThreshold(true);
        case "holdActive" -> s.setHoldActive(true);
        case "driftError" -> s.setDriftError(true);
        case "dependencyDown" -> s.setDependencyDown(true);
        case "storm" -> s.setStorm(true);
        case "stormEpisodeActive" -> {
          s.setStorm(true);
          s.setStormEpisodeActive(true);
        }
        case "cooloffOver" -> s.setCooloffOver(true);
        case "cooldownActive" -> s.setCooldownActive(true);
        case "churnAtMax" -> s.setChurnAtMax(true);
        case "safetyEnvelopeReached" -> s.setSafetyEnvelopeReached(true);
        case "stableReached" -> s.setStableReached(true);
        case "backoffActive" -> s.setBackoffActive(true);
        case "nonTransientEpisode" -> s.setNonTransientEpisode(true);
        default -> throw new IllegalArgumentException("unknown fact " + f);
      }
    }
    return s;
  }
}
