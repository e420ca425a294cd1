package io.healguard.engine.scenario;

import io.healguard.engine.decision.Decision;
import java.util.List;

/** One step's decision and, when the step had expectations, how the decision differs from them. */
public record StepResult(Step step, Decision decision, List<String> mismatches) {
  public boolean passed() {
    return mismatches.isEmpty();
  }
}
