package io.healguard.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per row of the bundled decision-tables/causes.xlsx, asserting that row classified it. */
class CauseRowTest {
  static final PolicySnapshot policy = new PolicyCompiler(MutableClock.at("2026-01-01T00:00:00Z")).compile(Fixtures.bundledTables());

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("DT-CAUSES-001", new FailureCause("exit-code", "exited", "203", null, "Failed at step EXEC"), CauseClass.RUNTIME_BROKEN, null),
        Arguments.of("DT-CAUSES-002", new FailureCause("exit-code", "exited", "1", null,
            "Traceback (most recent call last):\n  File \"main.py\", line 1\nImportError: libssl.so.3: cannot open shared object file\n"),
            CauseClass.RUNTIME_BROKEN, "ImportError: libssl.so.3: cannot open shared object file"),
        Arguments.of("DT-CAUSES-003", new FailureCause("exit-code", "exited", "78", null, null), CauseClass.CONFIG_ERROR, null),
        Arguments.of("DT-CAUSES-004", new FailureCause("exit-code", "exited", "1", null, "  x = (\n    ^\nSyntaxError: '(' was never closed"),
            CauseClass.CODE_ERROR, "SyntaxError: '(' was never closed"),
        Arguments.of("DT-CAUSES-005", new FailureCause("oom-kill", "killed", "KILL", null, null), CauseClass.OOM, null),
        Arguments.of("DT-CAUSES-006", new FailureCause("core-dump", "dumped", "TRAP", null, null), CauseClass.CRASH, null),
        Arguments.of("DT-CAUSES-007", new FailureCause("signal", "killed", "SIGBUS", null, null), CauseClass.CRASH, null),
        Arguments.of("DT-CAUSES-008", new FailureCause("timeout", "killed", "TERM", null, null), CauseClass.HANG, null),
        Arguments.of("DT-CAUSES-009", new FailureCause("exit-code", "exited", "204", null, "Failed at step MEMORY"), CauseClass.UNKNOWN, null));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("rows")
  void shouldClassifyByItsRow(String row, FailureCause cause, CauseClass expected, String matchedLine) {
    Classification c = policy.classify(cause);

    assertThat(c).extracting(Classification::row, Classification::causeClass, Classification::matchedLine)
        .containsExactly(row, expected, matchedLine);
  }

  @Test
  void shouldHaveACaseForEveryCausesRow() {
    Set<String> tested = rows().map(a -> (String) a.get()[0]).collect(Collectors.toSet());

    Set<String> rows = PolicyTables.defaultCauses().stream().map(PolicyTables.CauseRow::name).collect(Collectors.toSet());

    assertThat(tested).isEqualTo(rows);
  }

  @Test
  void shouldClassifyAReportWithoutACauseAsUnknownWithoutARow() {
    Classification c = policy.classify(null);

    assertThat(c).isEqualTo(Classification.NO_CAUSE);
  }

  @Test
  void shouldLetTheFirstMatchingRowWin() {
    // 203 and an ImportError in the log: both RUNTIME_BROKEN rows match, the first decides
    Classification c = policy.classify(new FailureCause("exit-code", "exited", "203", null, "ImportError: x"));

    assertThat(c.row()).isEqualTo("DT-CAUSES-001");
  }
}
