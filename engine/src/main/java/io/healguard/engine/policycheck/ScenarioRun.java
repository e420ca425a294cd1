package io.healguard.engine.policycheck;

import java.time.Instant;
import java.util.List;

/**
 * One scenario file of the suite run against the checked tables.
 *
 * @param error why the scenario could not run at all (bad YAML), or null
 */
public record ScenarioRun(String file, String name, int decisions, List<StepFailure> failures, String error) {

  /** A step whose decision differs from its {@code expect:}. */
  public record StepFailure(int step, Instant at, String unit, String input, List<String> mismatches) {}

  public boolean passed() {
    return error == null && failures.isEmpty();
  }
}
