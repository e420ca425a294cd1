package io.healguard.tables.gate;

import static io.healguard.engine.testing.PolicyTables.cause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.healguard.engine.policycheck.CheckReport;
import io.healguard.engine.policycheck.Finding;
import io.healguard.engine.policycheck.FindingKind;
import io.healguard.engine.policycheck.PolicyCheck;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicyRejectedException;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import io.healguard.engine.testing.PolicyTables.CauseRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy gate on causes.xlsx: every mistake an operator can make in it is named with file, sheet and row. */
class CausesCheckTest {
  @TempDir Path dir;

  private final PolicyCheck check = new PolicyCheck(MutableClock.at("2026-01-01T00:00:00Z"), new SafetyEnvelope(10));

  static Path causes(Path dir, UnaryOperator<List<CauseRow>> edit) throws IOException {
    PolicyTables.writeDefaults(dir);
    PolicyTables.writeCauses(dir.resolve("causes.xlsx"), edit.apply(new ArrayList<>(PolicyTables.defaultCauses())));
    return dir;
  }

  static List<CauseRow> replace(List<CauseRow> rows, String name, CauseRow row) {
    List<CauseRow> out = new ArrayList<>();
    for (CauseRow r : rows) out.add(r.name().equals(name) ? row : r);
    return out;
  }

  static Stream<Arguments> badRows() {
    String nt = "runbook/NON_TRANSIENT_FAILURE.md#code_error";
    return Stream.of(
        Arguments.of("pattern that does not compile", cause("DT-CAUSES-004", "log=SyntaxError: (unclosed", "CODE_ERROR", nt),
            FindingKind.UNSAFE_PATTERN, "does not compile"),
        Arguments.of("nested quantifier", cause("DT-CAUSES-004", "log=(a+)+b", "CODE_ERROR", nt),
            FindingKind.UNSAFE_PATTERN, "catastrophically slowly"),
        Arguments.of("overlapping alternatives", cause("DT-CAUSES-004", "log=(a|aa)*c", "CODE_ERROR", nt),
            FindingKind.UNSAFE_PATTERN, "catastrophically slowly"),
        Arguments.of("class that is none", cause("DT-CAUSES-004", "log=SyntaxError: ", "SYNTAX", nt),
            FindingKind.INVALID_CAUSE, "class 'SYNTAX' is none of RUNTIME_BROKEN"),
        Arguments.of("exit status no range", cause("DT-CAUSES-004", "exitStatus=300-310", "CODE_ERROR", nt),
            FindingKind.INVALID_CAUSE, "exit status '300-310' must be a number 0-255 or a range"),
        Arguments.of("signal no name", cause("DT-CAUSES-004", "signal=SEGFAULT", "CRASH", nt),
            FindingKind.INVALID_CAUSE, "signal 'SEGFAULT' is no signal name"),
        Arguments.of("no runbook link", cause("DT-CAUSES-004", "log=SyntaxError: ", "CODE_ERROR", ""),
            FindingKind.MISSING_LINK, "has no runbook link"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRows")
  void shouldRejectABadCausesRowNamingFileSheetAndRow(String name, CauseRow bad, FindingKind kind, String message)
      throws Exception {
    Path tables = causes(dir, rows -> replace(rows, "DT-CAUSES-004", bad));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).filteredOn(f -> f.kind() == kind).singleElement().satisfies(f -> {
      assertThat(f.file()).isEqualTo("causes.xlsx");
      assertThat(f.sheet()).isEqualTo("Causes");
      assertThat(f.row()).isEqualTo("DT-CAUSES-004");
      assertThat(f.line()).isEqualTo(13);
      assertThat(f.message()).contains(message);
    });
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldRefuseToActivateAnUnsafePatternOnReload() throws Exception {
    Path tables = causes(dir, rows -> replace(rows, "DT-CAUSES-002",
        cause("DT-CAUSES-002", "log=(.*a){12}", "RUNTIME_BROKEN", "runbook/NON_TRANSIENT_FAILURE.md#runtime_broken")));

    assertThatThrownBy(() -> new PolicyCompiler(MutableClock.at("2026-01-01T00:00:00Z")).compile(tables))
        .isInstanceOf(PolicyRejectedException.class)
        .hasMessageContaining("causes.xlsx, sheet Causes, row 11 (DT-CAUSES-002): log pattern '(.*a){12}' could match catastrophically slowly");
  }

  @Test
  void shouldRejectATableWithoutACatchAll() throws Exception {
    Path tables = causes(dir, rows -> rows.subList(0, rows.size() - 1));

    CheckReport report = check.run(tables, null, null);

    assertThat(report.findings()).extracting(Finding::kind, Finding::file)
        .contains(tuple(FindingKind.UNDECIDED, "causes.xlsx"));
    assertThat(report.findings()).filteredOn(f -> f.kind() == FindingKind.UNDECIDED).first()
        .extracting(Finding::message).asString().contains("end the causes table with a catch-all row");
  }

  @Test
  void shouldFailOnACausesRowAnEarlierRowAlwaysWins() throws Exception {
    // OOM after the catch-all: never reached; the reload accepts it with a warning, the gate fails
    Path tables = causes(dir, rows -> {
      rows.add(cause("DT-CAUSES-010", "result=oom-kill", "OOM", "runbook/CHECK_MEMORY_LIMITS.md"));
      return rows;
    });
    PolicySnapshot accepted = new PolicyCompiler(MutableClock.at("2026-01-01T00:00:00Z")).compile(tables);

    CheckReport report = check.run(tables, null, null);

    assertThat(accepted.warnings()).extracting(p -> p.row()).containsExactly("DT-CAUSES-010");
    assertThat(report.findings()).extracting(Finding::kind, Finding::row)
        .containsExactly(tuple(FindingKind.UNREACHABLE, "DT-CAUSES-010"));
  }

  @Test
  void shouldFailOnACausesRunbookLinkThatLeadsNowhere() throws Exception {
    Path tables = causes(dir, rows -> replace(rows, "DT-CAUSES-005",
        cause("DT-CAUSES-005", "result=oom-kill", "OOM", "runbook/OOM_GONE.md")));

    CheckReport report = check.run(tables, null, Fixtures.repoRoot());

    assertThat(report.findings()).extracting(Finding::kind, Finding::row)
        .containsExactly(tuple(FindingKind.MISSING_LINK, "DT-CAUSES-005"));
  }

  @Test
  void shouldAcceptAnOperatorsChoiceToRestartAConfigError() throws Exception {
    // a policy choice, not a safety one: CONFIG_ERROR classified as UNKNOWN restarts as before
    Path tables = causes(dir, rows -> replace(rows, "DT-CAUSES-003",
        cause("DT-CAUSES-003", "exitStatus=78, 64, 6", "UNKNOWN", "runbook/RESTART_PERMITTED.md")));

    CheckReport report = check.run(tables, null, Fixtures.repoRoot());

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void shouldPassTheBundledCausesTable() {
    CheckReport report = check.run(Fixtures.bundledTables(), null, Fixtures.repoRoot());

    assertThat(report.findings()).isEmpty();
  }
}
