package io.healguard.engine.policycheck;

import java.util.List;

/**
 * What {@code healguard policy check} found: every table finding (each one fails the gate) and
 * every scenario run. {@code scenariosNote} says why scenarios did not run, when they did not.
 */
public record CheckReport(
    String tables, String policyVersion, List<Finding> findings, String scenarios, List<ScenarioRun> scenarioRuns,
    String scenariosNote) {

  public boolean passed() {
    return findings.isEmpty() && scenarioRuns.stream().allMatch(ScenarioRun::passed);
  }

  public long failedScenarios() {
    return scenarioRuns.stream().filter(r -> !r.passed()).count();
  }

  /** The report as people read it: one line per finding and per failing step. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("policy check ").append(tables);
    if (policyVersion != null) {
      sb.append(" (policy ").append(policyVersion, 0, Math.min(12, policyVersion.length())).append(')');
    }
    sb.append('\n');
    sb.append("tables: ").append(findings.isEmpty() ? "ok" : "FAIL, " + plural(findings.size(), "finding")).append('\n');
    for (Finding f : findings) {
      sb.append("  ").append(String.format("%-18s", f.kind())).append(oneLine(f.toString())).append('\n');
    }
    if (scenariosNote != null) {
      sb.append("scenarios: ").append(scenariosNote).append('\n');
    } else {
      sb.append("scenarios ").append(scenarios).append(": ").append(scenarioRuns.size()).append(" run, ")
          .append(failedScenarios()).append(" failed\n");
      for (ScenarioRun r : scenarioRuns) {
        if (r.error() != null) {
          sb.append("  FAIL  ").append(r.file()).append(": ").append(r.error()).append('\n');
        } else if (r.failures().isEmpty()) {
          sb.append("  ok    ").append(r.file()).append(" (").append(plural(r.decisions(), "decision")).append(")\n");
        } else {
          for (ScenarioRun.StepFailure f : r.failures()) {
            sb.append("  FAIL  ").append(r.file()).append(" step ").append(f.step()).append(" (").append(f.at())
                .append(", ").append(f.unit()).append(", ").append(f.input()).append("): ")
                .append(String.join("; ", f.mismatches())).append('\n');
          }
        }
      }
    }
    sb.append("result: ").append(passed() ? "PASS" : "FAIL (" + plural(findings.size(), "finding") + ", "
        + plural((int) failedScenarios(), "scenario") + " failed)").append('\n');
    return sb.toString();
  }

  /** Drools' compile messages span lines (with a caret under the error); one finding, one line. */
  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\n\\s*\\^?\\s*", " ").trim();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
