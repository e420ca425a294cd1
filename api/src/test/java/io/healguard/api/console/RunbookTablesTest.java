package io.healguard.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runbook's Markdown tables split into the cells the policy page lays out. */
class RunbookTablesTest {
  @Test
  void shouldSplitCellsOnUnescapedBarsAndShowLinksAsTheirText() {
    String md = """
        ### Causes (causes.xlsx, sheet Causes)

        Sequential: the first row that matches decides.

        | Row | When | Class | Runbook |
        |---|---|---|---|
        | DT-CAUSES-002 | log=ImportError: \\|No module named | RUNTIME_BROKEN | [NON_TRANSIENT_FAILURE.md#runtime_broken](NON_TRANSIENT_FAILURE.md#runtime_broken) |

        ### FleetStorm (thresholds.xlsx, sheet Thresholds)

        | Row | Scope |
        |---|---|
        | DT-STORM-001 | fleet |
        """;

    List<RunbookTables.Table> tables = RunbookTables.parse(md);

    assertThat(tables).containsExactly(
        new RunbookTables.Table("Causes (causes.xlsx, sheet Causes)", List.of("Sequential: the first row that matches decides."),
            List.of("Row", "When", "Class", "Runbook"),
            List.of(List.of("DT-CAUSES-002", "log=ImportError: |No module named", "RUNTIME_BROKEN",
                "NON_TRANSIENT_FAILURE.md#runtime_broken"))),
        new RunbookTables.Table("FleetStorm (thresholds.xlsx, sheet Thresholds)", List.of(), List.of("Row", "Scope"),
            List.of(List.of("DT-STORM-001", "fleet"))));
  }

  @Test
  void shouldReadEveryBundledTableWithEveryRow() {
    List<RunbookTables.Table> tables = RunbookTables.of(Fixtures.bundledTables());

    assertThat(tables).extracting(RunbookTables.Table::title).containsExactly("Causes (causes.xlsx, sheet Causes)",
        "Gates (gates.xlsx, sheet Gates)", "Thresholds (thresholds.xlsx, sheet Thresholds)",
        "FleetStorm (thresholds.xlsx, sheet Thresholds)");
    assertThat(tables.get(1).head()).containsExactly("Row", "When", "Action", "Reason", "Recommendation",
        "Recommendation text", "Runbook");
    assertThat(tables.get(1).rows()).hasSize(31).allSatisfy(r -> assertThat(r).hasSize(7));
    assertThat(tables.get(2).rows()).extracting(r -> r.get(0))
        .containsExactly("DT-THRESHOLDS-001", "DT-THRESHOLDS-002", "DT-THRESHOLDS-003");
  }
}
