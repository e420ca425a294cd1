package io.healguard.engine.policy.internal;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.rules.Verdict;

/** What a decision recommends to the operator: the row's recommendation, or the store's own. */
public final class Recommendations {
  /** When the store cannot be written: no table row says this, the engine does. */
  public static final Recommendation RESTORE_STORE = new Recommendation("RESTORE_STORE",
      "The state store cannot be written: no restart is permitted until it is back.",
      "runbook/STORE_UNAVAILABLE.md");

  private Recommendations() {}

  /** The row's recommendation, its text naming the cause class where the table wrote {@code {class}}. */
  public static Recommendation of(Verdict v, CauseClass cls) {
    Recommendation rec = v.toRecommendation();
    if (rec.text() != null && rec.text().contains("{class}")) {
      return new Recommendation(rec.code(), rec.text().replace("{class}", cls.name()), rec.runbook());
    }
    return rec;
  }
}
