package io.healguard.engine.rules;

import io.healguard.engine.health.Tier;

/** Asks the thresholds table for one tier's numbers; {@code ThresholdsReader} parses them. */
public final class TierQuery extends TableQuery {
  private final String tier;

  public TierQuery(Tier tier) {
    this.tier = tier.label();
  }

  public String getTier() {
    return tier;
  }
}
