package io.healguard.engine.policycheck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One RuleTable as the operator typed it: its columns (kind and label) and its rows (name,
 * spreadsheet row, cell text). The DRL compiler loses the column labels; the Markdown export and
 * the runbook need them.
 *
 * @param sequential true when the sheet's RuleSet says {@code Sequential true}: row order is priority
 */
public record RuleTable(
    String file, String sheet, String name, boolean sequential, List<Column> columns, List<Row> rows) {

  /** {@code kind} is the header keyword (NAME, CONDITION, ACTION, ACTIVATION-GROUP, ...). */
  public record Column(String kind, String label) {
    public boolean isCondition() {
      return "CONDITION".equals(kind);
    }

    public boolean isAction() {
      return "ACTION".equals(kind);
    }
  }

  /** {@code line} is the 1-based spreadsheet row; {@code cells} align with the columns. */
  public record Row(String name, int line, List<String> cells) {}

  /** The cell of {@code row} under the column labelled {@code label} (case-insensitive), or "". */
  public String cell(Row row, String label) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).label().toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
        return row.cells().get(i);
      }
    }
    return "";
  }

  public boolean hasColumn(String label) {
    return columns.stream().anyMatch(c -> c.label().equalsIgnoreCase(label));
  }

  /** The row's conditions as {@code label=value}, blanks (any value) left out. */
  public List<String> conditions(Row row) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      String v = row.cells().get(i);
      if (c.isCondition() && !v.isBlank()) {
        out.add(c.label() + "=" + v);
      }
    }
    return out;
  }

  /** The causes table: the one whose actions record a cause class. */
  public boolean isCauses() {
    return hasColumn("class") && !hasColumn("reason");
  }

  /** The gates table: the one whose actions record a reason code. */
  public boolean isGates() {
    return hasColumn("reason") && hasColumn("action");
  }
}
