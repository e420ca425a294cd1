package io.healguard.engine.policycheck;

import io.healguard.engine.rules.PolicyProblem;

/**
 * One reason the gate fails, located as an operator looks for it: file, sheet, row name and
 * spreadsheet row number (each may be null when the problem belongs to no single row).
 */
public record Finding(FindingKind kind, String file, String sheet, String row, Integer line, String message) {

  static Finding of(PolicyProblem p) {
    return new Finding(FindingKind.ofMessage(p.message()), p.file(), p.sheet(), p.row(), p.line(), p.message());
  }

  /** "gates.xlsx, sheet Gates, row 24 (DT-GATES-015): message". */
  public String where() {
    return new PolicyProblem(file, sheet, row, line, "").toString().replaceAll(": $", "");
  }

  @Override
  public String toString() {
    String w = where();
    return (w.isEmpty() ? "" : w + ": ") + message;
  }
}
