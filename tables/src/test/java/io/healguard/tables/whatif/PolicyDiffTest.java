package io.healguard.tables.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.healguard.engine.Healguard;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.Action;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.scenario.Scenario;
import io.healguard.engine.scenario.ScenarioClock;
import io.healguard.engine.scenario.ScenarioParser;
import io.healguard.engine.scenario.Step;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.PolicyTables;
import io.healguard.engine.whatif.DiffReport;
import io.healguard.engine.whatif.PolicyDiff;
import io.healguard.engine.whatif.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy diff}: the decisions a threshold change alters, exactly, and nothing when nothing changed. */
class PolicyDiffTest {
  private static final Path CRASH_LOOP = Fixtures.repoRoot().resolve("tables/src/test/resources/scenarios/crash-loop.yaml");
  private static final SafetyEnvelope ENVELOPE = new SafetyEnvelope(10);

  @TempDir Path dir;
  private Path maxRestarts5;

  @BeforeEach
  void standardTierAllowsFiveRestarts() throws Exception {
    maxRestarts5 = PolicyTables.copyBundled(dir.resolve("tables"));
    PolicyTables.setCell(maxRestarts5.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");
  }

  @Test
  void shouldListExactlyTheCrashLoopDecisionsThatChangeWithMaxRestartsFive() {
    DiffReport report = PolicyDiff.run(Fixtures.bundledTables(), maxRestarts5, Replay.ofScenario(CRASH_LOOP), ENVELOPE);

    // at 8m the third restart no longer opens the circuit: it restarts instead, and the unit
    // never goes through OPEN / HALF_OPEN, so it ends with a backoff reset, not a circuit close
    assertThat(report.differences())
        .extracting(d -> d.step(), d -> d.at(), d -> d.unit(), d -> d.from().action() + " " + d.from().reason(),
            d -> d.to().action() + " " + d.to().reason())
        .containsExactly(
            tuple(11, Instant.parse("2026-01-01T00:08:00Z"), "api.service", "ESCALATE CHURN_LIMIT_REACHED", "RESTART RESTART_PERMITTED"),
            tuple(12, Instant.parse("2026-01-01T00:09:00Z"), "api.service", "BLOCK CIRCUIT_OPEN", "NONE BELOW_THRESHOLD"),
            tuple(13, Instant.parse("2026-01-01T00:38:00Z"), "api.service", "RESTART HALF_OPEN_PROBE", "NONE BELOW_THRESHOLD"),
            tuple(15, Instant.parse("2026-01-01T00:49:00Z"), "api.service", "NONE CIRCUIT_CLOSED", "NONE BACKOFF_RESET"));
    assertThat(report.from().totals()).isEqualTo(Map.of(Action.RESTART, 4, Action.BLOCK, 3, Action.ESCALATE, 1, Action.RECOMMEND, 0, Action.NONE, 11));
    assertThat(report.to().totals()).isEqualTo(Map.of(Action.RESTART, 4, Action.BLOCK, 2, Action.ESCALATE, 0, Action.RECOMMEND, 0, Action.NONE, 13));
    assertThat(report.from().policyVersion()).isNotEqualTo(report.to().policyVersion());
    assertThat(report.toText()).contains("4 decisions differ")
        .contains("ESCALATE CHURN_LIMIT_REACHED (DT-GATES-024)  RESTART RESTART_PERMITTED (DT-GATES-026)");
  }

  @Test
  void shouldFindNoDifferenceBetweenAPolicyAndItsCopy() throws Exception {
    Path copy = PolicyTables.copyBundled(dir.resolve("copy"));

    DiffReport report = PolicyDiff.run(Fixtures.bundledTables(), copy, Replay.ofScenario(CRASH_LOOP), ENVELOPE);

    assertThat(report.differences()).isEmpty();
    assertThat(report.decisions()).isEqualTo(19);
    assertThat(report.note()).isNull();
  }

  @Test
  void shouldReplayTheInputsOfAnAuditExportAndSayItIsPartial() throws Exception {
    Path audit = auditOf(CRASH_LOOP);

    Replay replay = Replay.ofAudit(audit, List.of());
    DiffReport same = PolicyDiff.run(Fixtures.bundledTables(), Fixtures.bundledTables(), replay, ENVELOPE);
    DiffReport changed = PolicyDiff.run(Fixtures.bundledTables(), maxRestarts5, replay, ENVELOPE);

    // audited: 4 restarts, 3 blocks, 1 escalation and the circuit close; not the 10 other decisions
    assertThat(replay.events()).hasSize(9);
    assertThat(replay.partial()).isTrue();
    assertThat(same.note()).contains("partial");
    assertThat(same.differences()).isEmpty();
    // the audit lacks the DOWN reports below the threshold: the replay adds them before each
    // acted-on report, so both policies see the unit eligible there (steps are audit lines)
    assertThat(changed.differences())
        .extracting(d -> d.step(), d -> d.from().action() + " " + d.from().reason(), d -> d.to().action() + " " + d.to().reason())
        .containsExactly(
            tuple(6, "ESCALATE CHURN_LIMIT_REACHED", "RESTART RESTART_PERMITTED"),
            tuple(7, "BLOCK CIRCUIT_OPEN", "BLOCK COOLDOWN_ACTIVE"),
            tuple(8, "RESTART HALF_OPEN_PROBE", "RESTART RESTART_PERMITTED"));
    assertThat(changed.toText()).contains("note:   partial replay");
  }

  @Test
  void shouldReplayAnAuditExportedNewestFirstInTimeOrder() throws Exception {
    Path oldestFirst = auditOf(CRASH_LOOP);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(oldestFirst));
    java.util.Collections.reverse(lines);
    Path newestFirst = Files.write(dir.resolve("newest-first.jsonl"), lines);

    Replay replay = Replay.ofAudit(newestFirst, List.of());

    assertThat(replay.events()).extracting(Replay.Event::at).isSorted();
    assertThat(replay.events()).extracting(e -> e.input().unit()).containsOnly("api.service");
  }

  @Test
  void shouldReplayTheCausesOfAnAuditAndShowWhatRestartingConfigErrorsWouldChange() throws Exception {
    Path audit = auditOf(Fixtures.repoRoot().resolve("tables/src/test/resources/scenarios/causes-config-then-crash.yaml"));
    // the operator's choice: a config error is no longer non-transient
    Path restartConfigErrors = PolicyTables.copyBundled(dir.resolve("restart-config"));
    PolicyTables.setCell(restartConfigErrors.resolve("causes.xlsx"), "DT-CAUSES-003", "class", "UNKNOWN");

    DiffReport report = PolicyDiff.run(Fixtures.bundledTables(), restartConfigErrors, Replay.ofAudit(audit, List.of()), ENVELOPE);

    // the escalation becomes a restart (at 20s), whose 60s cooldown then holds back the next
    // config error, the crash's restart and the later config error: the causes replayed from
    // the audit decide each of them
    assertThat(report.differences())
        .extracting(d -> d.from().action() + " " + d.from().reason(), d -> d.to().action() + " " + d.to().reason())
        .containsExactly(
            tuple("ESCALATE NON_TRANSIENT_FAILURE", "RESTART RESTART_PERMITTED"),
            tuple("BLOCK NON_TRANSIENT_FAILURE", "BLOCK COOLDOWN_ACTIVE"),
            tuple("RESTART RESTART_PERMITTED", "BLOCK COOLDOWN_ACTIVE"),
            tuple("ESCALATE NON_TRANSIENT_FAILURE", "BLOCK COOLDOWN_ACTIVE"));
  }

  /** Runs a scenario through a real engine and exports its audit as the service does: JSON lines. */
  private Path auditOf(Path scenarioFile) throws Exception {
    Scenario sc = ScenarioParser.parse(scenarioFile);
    ScenarioClock clock = new ScenarioClock(sc.start());
    Path out = dir.resolve("audit.jsonl");
    try (Healguard hg = Healguard.open(Fixtures.bundledTables(), LocalStateStore.memory(), clock, ENVELOPE, sc.units())) {
      for (Step step : sc.steps()) {
        clock.set(sc.start().plus(step.at()));
        hg.engine().decide(step.input());
      }
      List<AuditEvent> events = hg.store().audit(AuditQuery.latest(AuditQuery.MAX_LIMIT)).stream()
          .sorted(Comparator.comparing(AuditEvent::at)).toList();
      Files.write(out, events.stream().map(Json::write).toList());
    }
    return out;
  }
}
