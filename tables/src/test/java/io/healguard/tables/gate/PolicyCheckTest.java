package io.healguard.tables.gate;

import static io.healguard.engine.testing.PolicyTables.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.healguard.engine.policycheck.CheckReport;
import io.healguard.engine.policycheck.Finding;
import io.healguard.engine.policycheck.FindingKind;
import io.healguard.engine.policycheck.PolicyCheck;
import io.healguard.engine.policycheck.ScenarioRun;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation gate: one broken tables directory per kind of mistake, each rejected with the
 * row that is wrong; the bundled tables and scenarios pass.
 */
class PolicyCheckTest {
  private static final Path SCENARIOS = Fixtures.repoRoot().resolve("tables/src/test/resources/scenarios");

  @TempDir Path dir;

  private final PolicyCheck check = new PolicyCheck(MutableClock.at("2026-01-01T00:00:00Z"), new SafetyEnvelope(10));

  @Test
  void shouldPassBundledTablesRunbookLinksAndScenarios() {
    CheckReport report = check.run(Fixtures.bundledTables(), SCENARIOS, Fixtures.repoRoot());

    assertThat(report.findings()).isEmpty();
    assertThat(report.scenarioRuns()).extracting(ScenarioRun::file)
        .contains("crash-loop.yaml", "probe-failure.yaml", "storm.yaml", "hold.yaml");
    assertThat(report.scenarioRuns()).allSatisfy(r -> assertThat(r.failures()).isEmpty());
    assertThat(report.passed()).isTrue();
  }

  @Test
  void shouldNameTheRowOfACompileError() throws Exception {
    Path tables = BadTables.gates(dir, rows -> BadTables.replace(rows, "DT-GATES-016",
        gate("DT-GATES-016", "input=REPORT, event=DOWN, driftError=maybe", "BLOCK", "RUNTIME_DRIFT", "FIX_RUNTIME_DRIFT")));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).extracting(Finding::kind, Finding::file, Finding::sheet, Finding::row)
        .contains(tuple(FindingKind.COMPILE_ERROR, "gates.xlsx", "Gates", "DT-GATES-016"));
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldReportAMissingTier() throws Exception {
    PolicyTables.writeDefaults(dir);
    List<String[]> tiers = new ArrayList<>(PolicyTables.defaultThresholds());
    tiers.removeIf(t -> t[1].equals("batch"));
    PolicyTables.writeThresholds(dir.resolve("thresholds.xlsx"), tiers, PolicyTables.defaultStorm());

    CheckReport report = check.run(dir, null, null);

    assertThat(report.findings()).filteredOn(f -> f.kind() == FindingKind.MISSING_TIER)
        .singleElement().satisfies(f -> assertThat(f.message()).contains("tier batch"));
  }

  @Test
  void shouldNameTheRowOfANumberOutOfRange() throws Exception {
    PolicyTables.writeDefaults(dir);
    PolicyTables.setCell(dir.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "0");

    CheckReport report = check.run(dir, null, null);

    assertThat(report.findings()).extracting(Finding::kind, Finding::file, Finding::row)
        .containsExactly(tuple(FindingKind.OUT_OF_RANGE, "thresholds.xlsx", "DT-THRESHOLDS-002"));
    assertThat(report.findings().get(0).message()).contains("maxRestarts");
  }

  @Test
  void shouldNameTheRowThatRestartsThroughAHold() throws Exception {
    Path tables = BadTables.gates(dir, rows -> BadTables.replace(rows, "DT-GATES-015",
        gate("DT-GATES-015", "input=REPORT, event=DOWN, holdActive=true", "RESTART", "RESTART_PERMITTED", "WATCH_RECOVERY")));

    CheckReport report = check.run(tables, null, null);

    // the same row also restarts through an open circuit when a hold and an open circuit coincide
    assertThat(report.findings()).filteredOn(f -> f.kind() == FindingKind.UNSAFE_RESTART)
        .extracting(Finding::row).containsOnly("DT-GATES-015");
    assertThat(report.findings()).filteredOn(f -> f.message().startsWith("would restart through a hold"))
        .extracting(Finding::row).containsExactly("DT-GATES-015");
  }

  @Test
  void shouldNameTheRowThatRestartsThroughAnOpenCircuit() throws Exception {
    Path tables = BadTables.gates(dir, rows -> BadTables.replace(rows, "DT-GATES-020",
        gate("DT-GATES-020", "input=REPORT, event=DOWN, circuit=OPEN, cooloffOver=false", "RESTART", "RESTART_PERMITTED", "WATCH_RECOVERY")));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).filteredOn(f -> f.kind() == FindingKind.UNSAFE_RESTART)
        .singleElement().satisfies(f -> {
          assertThat(f.row()).isEqualTo("DT-GATES-020");
          assertThat(f.message()).contains("through an open circuit");
        });
  }

  @Test
  void shouldNameTheRowThatAnswersAForceRestartWithoutRestarting() throws Exception {
    Path tables = BadTables.gates(dir, rows -> BadTables.replace(rows, "DT-GATES-004",
        gate("DT-GATES-004", "input=OVERRIDE, event=FORCE_RESTART", "NONE", "MANUAL_FORCE", "WATCH_RECOVERY")));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).extracting(Finding::kind, Finding::row)
        .containsExactly(tuple(FindingKind.FORCE_NOT_RESTART, "DT-GATES-004"));
  }

  @Test
  void shouldFailOnARowTheEngineOnlyWarnsIsNeverReached() throws Exception {
    // a cooldown row placed after the catch-all: DT-GATES-026 always wins first
    Path tables = BadTables.gates(dir, rows -> {
      rows.add(gate("DT-GATES-099", "input=REPORT, event=DOWN, cooldownActive=true", "BLOCK", "COOLDOWN_ACTIVE", "WAIT_FOR_COOLDOWN"));
      return rows;
    });
    PolicySnapshot accepted = new PolicyCompiler(MutableClock.at("2026-01-01T00:00:00Z")).compile(tables);

    CheckReport report = check.run(tables, null, null);

    assertThat(accepted.warnings()).extracting(p -> p.row()).containsExactly("DT-GATES-099");
    assertThat(report.findings()).extracting(Finding::kind, Finding::row, Finding::line)
        .containsExactly(tuple(FindingKind.UNREACHABLE, "DT-GATES-099", accepted.warnings().get(0).line()));
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldNameBothRowsThatTieAtTheSamePriorityWithDifferentActions() throws Exception {
    // without Sequential every row has salience 0: which of 002 and 003 decides is Drools' choice
    List<PolicyTables.GateRow> rows = List.of(
        gate("DT-GATES-001", "input=OVERRIDE, event=FORCE_RESTART", "RESTART", "MANUAL_FORCE", "WATCH_RECOVERY"),
        gate("DT-GATES-002", "input=REPORT, event=DOWN, holdActive=true", "BLOCK", "MANUAL_HOLD", "RELEASE_HOLD_WHEN_FIXED"),
        gate("DT-GATES-003", "input=REPORT, event=DOWN, holdActive=true, driftError=true", "RECOMMEND", "RUNTIME_DRIFT", "FIX_RUNTIME_DRIFT"),
        gate("DT-GATES-004", "input=REPORT, event=DOWN, holdActive=false", "BLOCK", "COOLDOWN_ACTIVE", "WAIT_FOR_COOLDOWN"),
        gate("DT-GATES-005", "input=REPORT, event=UP", "NONE", "HEALTHY", "NONE"),
        gate("DT-GATES-006", "input=REPORT, event=DEGRADED", "NONE", "BELOW_THRESHOLD", "NONE"),
        gate("DT-GATES-007", "input=DRIFT", "NONE", "DRIFT_WARNING", "NONE"),
        gate("DT-GATES-008", "input=OVERRIDE, event=HOLD", "NONE", "HOLD_SET", "RELEASE_HOLD_WHEN_FIXED"),
        gate("DT-GATES-009", "input=OVERRIDE, event=RELEASE", "NONE", "HOLD_RELEASED", "NONE"),
        gate("DT-GATES-010", "input=OVERRIDE, event=RESET", "NONE", "MANUAL_RESET", "NONE"));
    Path tables = BadTables.gates(dir, r -> new ArrayList<>(rows));
    BadTables.notSequential(tables.resolve("gates.xlsx"));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).filteredOn(f -> f.kind() == FindingKind.AMBIGUOUS)
        .singleElement().satisfies(f -> {
          assertThat(f.row()).isEqualTo("DT-GATES-003");
          assertThat(f.message()).contains("DT-GATES-002").contains("RECOMMEND").contains("BLOCK");
        });
  }

  @Test
  void shouldPassTheBundledTablesWithoutAnyTie() {
    CheckReport report = check.run(Fixtures.bundledTables(), null, null);

    assertThat(report.findings()).extracting(Finding::kind).doesNotContain(FindingKind.AMBIGUOUS);
  }

  @Test
  void shouldReportARowWithoutAName() throws Exception {
    Path tables = BadTables.gates(dir, rows -> BadTables.replace(rows, "DT-GATES-017",
        gate("", "input=REPORT, event=DOWN, dependencyDown=true", "BLOCK", "DEPENDENCY_DOWN", "RESTORE_DEPENDENCY")));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).filteredOn(f -> f.kind() == FindingKind.ROW_NAME)
        .singleElement().satisfies(f -> {
          assertThat(f.file()).isEqualTo("gates.xlsx");
          assertThat(f.line()).isEqualTo(28);
          assertThat(f.message()).contains("DT-<TABLE>-<nnn>");
        });
  }

  @Test
  void shouldNameARowWithABadName() throws Exception {
    Path tables = BadTables.gates(dir, rows -> BadTables.replace(rows, "DT-GATES-017",
        gate("GATES-17", "input=REPORT, event=DOWN, dependencyDown=true", "BLOCK", "DEPENDENCY_DOWN", "RESTORE_DEPENDENCY")));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).extracting(Finding::kind, Finding::row)
        .contains(tuple(FindingKind.ROW_NAME, "GATES-17"));
  }

  @Test
  void shouldNameTheRowWithoutARunbookLink() throws Exception {
    Path tables = BadTables.gates(dir, rows ->
        BadTables.replace(rows, "DT-GATES-023", BadTables.withRunbook(BadTables.find("DT-GATES-023"), "")));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).extracting(Finding::kind, Finding::row, Finding::message)
        .containsExactly(tuple(FindingKind.MISSING_LINK, "DT-GATES-023", "has no runbook link"));
  }

  @Test
  void shouldNameTheRowWhoseRunbookLinkLeadsNowhere() throws Exception {
    Path tables = BadTables.gates(dir, rows ->
        BadTables.replace(rows, "DT-GATES-023", BadTables.withRunbook(BadTables.find("DT-GATES-023"), "runbook/NO_SUCH_PAGE.md")));

    CheckReport report = check.run(tables, null, Fixtures.repoRoot());

    assertThat(report.findings()).extracting(Finding::kind, Finding::row)
        .containsExactly(tuple(FindingKind.MISSING_LINK, "DT-GATES-023"));
    assertThat(report.findings().get(0).message()).contains("runbook/NO_SUCH_PAGE.md");
  }

  @Test
  void shouldReportSituationsNoRowDecides() throws Exception {
    Path tables = BadTables.gates(dir, rows -> {
      rows.removeIf(g -> g.name().equals("DT-GATES-026"));
      return rows;
    });

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).extracting(Finding::kind).contains(FindingKind.UNDECIDED);
  }

  @Test
  void shouldShowEachScenarioStepThatNoLongerMeetsItsExpectation() throws Exception {
    Path tables = PolicyTables.copyBundled(dir.resolve("tables"));
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");
    Path suite = Files.createDirectories(dir.resolve("suite"));
    Files.copy(SCENARIOS.resolve("crash-loop.yaml"), suite.resolve("crash-loop.yaml"));

    CheckReport report = check.run(tables, suite, null);

    assertThat(report.findings()).isEmpty();
    assertThat(report.scenarioRuns()).singleElement().satisfies(r ->
        assertThat(r.failures()).extracting(ScenarioRun.StepFailure::step).containsExactly(11, 12, 13, 15));
    assertThat(report.toText()).contains("FAIL  crash-loop.yaml step 11").contains("action: expected ESCALATE, got RESTART");
    assertThat(report.passed()).isFalse();
  }
}
