package io.healguard.engine.rules;

/**
 * One reason a set of tables cannot be activated, located as an operator would look for it:
 * file, sheet, row name and spreadsheet row number (any may be null when unknown).
 */
public record PolicyProblem(String file, String sheet, String row, Integer line, String message) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (file != null) sb.append(file);
    if (sheet != null) sb.append(", sheet ").append(sheet);
    if (line != null) sb.append(", row ").append(line);
    if (row != null) sb.append(" (").append(row).append(')');
    if (sb.length() > 0) sb.append(": ");
    return sb.append(message).toString();
  }
}
