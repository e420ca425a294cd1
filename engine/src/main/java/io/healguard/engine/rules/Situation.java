package io.healguard.engine.rules;

import io.healguard.engine.decision.Action;

/**
 * The fact the gates table decides on: everything Java computed about one input for one unit
 * (counters, window, cooldown, storm, drift, hold, the failure's cause class), as plain fields a table cell can test. The
 * first row that matches records its verdict here; later matches are ignored, so row order is
 * priority even if a row lacks its activation group.
 *
 * <p>Adding a fact: add the field with getter and setter, set it where the engine computes the
 * facts of an input ({@code policy.internal.Facts}), add it to {@code FactSpace} so the policy
 * check enumerates it, to {@link #factKey} and {@link
 * #copyFacts}, and give the table a column.
 */
public final class Situation {
  private String input = "REPORT";
  private String event = "UP";
  private boolean belowThreshold;
  private boolean holdActive;
  private boolean driftError;
  private boolean dependencyDown;
  private boolean storm;
  private boolean stormEpisodeActive;
  private String circuit = "CLOSED";
  private boolean cooloffOver;
  private boolean cooldownActive;
  private boolean churnAtMax;
  private boolean safetyEnvelopeReached;
  private boolean stableReached;
  private boolean backoffActive;
  /** The causes table's class for a DOWN report ({@code CauseClass} name); UNKNOWN for other inputs. */
  private String cause = "UNKNOWN";
  /** A DOWN report while the unit's non-transient failure episode was already escalated. */
  private boolean nonTransientEpisode;

  private String row;
  private String action;
  private String reason;
  private String recommendation;
  private String recommendationText;
  private String runbook;

  /** Called by the action column of the first matching row. */
  public void decide(String action, String rowName) {
    if (this.row != null) {
      return;
    }
    this.row = rowName;
    this.action = action == null ? "" : action.trim();
  }

  public void reason(String reason) {
    if (this.reason == null) this.reason = reason.trim();
  }

  public void recommend(String code) {
    if (this.recommendation == null) this.recommendation = code.trim();
  }

  public void recommendText(String text) {
    if (this.recommendationText == null) this.recommendationText = text.trim();
  }

  public void runbook(String link) {
    if (this.runbook == null) this.runbook = link.trim();
  }

  /**
   * The verdict of the first matching row, or null when no row matched.
   *
   * @throws IllegalArgumentException when the row's action cell is not an {@link Action}
   */
  public Verdict verdict() {
    if (row == null) {
      return null;
    }
    return new Verdict(Action.valueOf(action), reason, recommendation, recommendationText, runbook, row);
  }

  /** The row that matched first, or null: lets the policy gate name a row whose verdict is invalid. */
  public String decidedRow() {
    return row;
  }

  /**
   * The facts as a value: two situations with equal keys get the same verdict from a table, which
   * decides on these fields alone (the policy gate relies on that as well). {@link PolicySnapshot}
   * remembers verdicts by it.
   */
  public FactKey factKey() {
    int flags = bit(belowThreshold, 0) | bit(holdActive, 1) | bit(driftError, 2) | bit(dependencyDown, 3)
        | bit(storm, 4) | bit(stormEpisodeActive, 5) | bit(cooloffOver, 6) | bit(cooldownActive, 7)
        | bit(churnAtMax, 8) | bit(safetyEnvelopeReached, 9) | bit(stableReached, 10) | bit(backoffActive, 11)
        | bit(nonTransientEpisode, 12);
    return new FactKey(input, event, circuit, cause, flags);
  }

  /** See {@link #factKey}. */
  public record FactKey(String input, String event, String circuit, String cause, int flags) {}

  private static int bit(boolean b, int position) {
    return b ? 1 << position : 0;
  }

  /** A copy of the facts without any verdict: the same question asked of another policy. */
  public Situation copyFacts() {
    Situation s = new Situation();
    s.input = input;
    s.event = event;
    s.belowThreshold = belowThreshold;
    s.holdActive = holdActive;
    s.driftError = driftError;
    s.dependencyDown = dependencyDown;
    s.storm = storm;
    s.stormEpisodeActive = stormEpisodeActive;
    s.circuit = circuit;
    s.cooloffOver = cooloffOver;
    s.cooldownActive = cooldownActive;
    s.churnAtMax = churnAtMax;
    s.safetyEnvelopeReached = safetyEnvelopeReached;
    s.stableReached = stableReached;
    s.backoffActive = backoffActive;
    s.cause = cause;
    s.nonTransientEpisode = nonTransientEpisode;
    return s;
  }

  @Override
  public String toString() {
    return "{input=" + input + ", event=" + event + ", belowThreshold=" + belowThreshold
        + ", holdActive=" + holdActive + ", driftError=" + driftError + ", dependencyDown="
        + dependencyDown + ", storm=" + storm + ", stormEpisodeActive=" + stormEpisodeActive
        + ", circuit=" + circuit + ", cooloffOver=" + cooloffOver + ", cooldownActive="
        + cooldownActive + ", churnAtMax=" + churnAtMax + ", safetyEnvelopeReached="
        + safetyEnvelopeReached + ", stableReached=" + stableReached + ", backoffActive="
        + backoffActive + ", cause=" + cause + ", nonTransientEpisode=" + nonTransientEpisode + "}";
  }

  // Bean accessors: Drools reads facts through getters.
  public String getInput() { return input; }
  public void setInput(String v) { input = v; }
  public String getEvent() { return event; }
  public void setEvent(String v) { event = v; }
  public boolean isBelowThreshold() { return belowThreshold; }
  public void setBelowThreshold(boolean v) { belowThreshold = v; }
  public boolean isHoldActive() { return holdActive; }
  public void setHoldActive(boolean v) { holdActive = v; }
  public boolean isDriftError() { return driftError; }
  public void setDriftError(boolean v) { driftError = v; }
  public boolean isDependencyDown() { return dependencyDown; }
  public void setDependencyDown(boolean v) { dependencyDown = v; }
  public boolean isStorm() { return storm; }
  public void setStorm(boolean v) { storm = v; }
  public boolean isStormEpisodeActive() { return stormEpisodeActive; }
  public void setStormEpisodeActive(boolean v) { stormEpisodeActive = v; }
  public String getCircuit() { return circuit; }
  public void setCircuit(String v) { circuit = v; }
  public boolean isCooloffOver() { return cooloffOver; }
  public void setCooloffOver(boolean v) { cooloffOver = v; }
  public boolean isCooldownActive() { return cooldownActive; }
  public void setCooldownActive(boolean v) { cooldownActive = v; }
  public boolean isChurnAtMax() { return churnAtMax; }
  public void setChurnAtMax(boolean v) { churnAtMax = v; }
  public boolean isSafetyEnvelopeReached() { return safetyEnvelopeReached; }
  public void setSafetyEnvelopeReached(boolean v) { safetyEnvelopeReached = v; }
  public boolean isStableReached() { return stableReached; }
  public void setStableReached(boolean v) { stableReached = v; }
  public boolean isBackoffActive() { return backoffActive; }
  public void setBackoffActive(boolean v) { backoffActive = v; }
  public String getCause() { return cause; }
  public void setCause(String v) { cause = v; }
  public boolean isNonTransientEpisode() { return nonTransientEpisode; }
  public void setNonTransientEpisode(boolean v) { nonTransientEpisode = v; }
}
