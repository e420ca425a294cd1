package io.healguard.engine.decision;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.decision.internal.DecisionJson;
import java.time.Instant;

/**
 * The answer to one input, explained: what to do, why (reason code), which decision-table row
 * decided it under which policy version, what a person should do, and the unit's state after it.
 * {@code rule} names a table row ({@code DT-GATES-015}) or, when a hard guard of the engine
 * overruled the table, the guard ({@code guard:safety.max-restarts-per-hour}).
 *
 * <p>{@code cause} is what the causes table made of a DOWN report's failure cause (null for every
 * other input).
 *
 * <p>Written by {@link DecisionJson} (the same JSON as Jackson's record serializer, for less CPU);
 * the annotations still say what that JSON is.
 */
@JsonSerialize(using = DecisionJson.class)
public record Decision(
    String id,
    Instant at,
    String unit,
    String input,
    Action action,
    String reason,
    String rule,
    String policyVersion,
    Recommendation recommendation,
    @JsonUnwrapped UnitSnapshot state,
    Classification cause) {

  public Decision(String id, Instant at, String unit, String input, Action action, String reason, String rule,
      String policyVersion, Recommendation recommendation, UnitSnapshot state) {
    this(id, at, unit, input, action, reason, rule, policyVersion, recommendation, state, null);
  }

  public DecisionSummary summary() {
    return new DecisionSummary(at, input, action, reason, rule, policyVersion, recommendation);
  }
}
