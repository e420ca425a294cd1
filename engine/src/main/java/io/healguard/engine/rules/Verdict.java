package io.healguard.engine.rules;

import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Recommendation;

/** What one table row decided, and which row it was. */
public record Verdict(
    Action action, String reason, String recommendation, String recommendationText, String runbook, String row) {

  public Recommendation toRecommendation() {
    return new Recommendation(recommendation, recommendationText, runbook);
  }

  /** The same verdict attributed to a hard guard of the engine instead of a table row. */
  public static Verdict guard(Action action, String reason, Recommendation rec, String guardName) {
    return new Verdict(action, reason, rec.code(), rec.text(), rec.runbook(), guardName);
  }
}
