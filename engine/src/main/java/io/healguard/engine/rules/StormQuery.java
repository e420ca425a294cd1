package io.healguard.engine.rules;

/** Asks the fleet-storm table for its numbers; its one row has scope {@code fleet}. */
public final class StormQuery extends TableQuery {
  public String getScope() {
    return "fleet";
  }
}
