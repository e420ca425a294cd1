package io.healguard.engine.decision;

import io.healguard.engine.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the engine remembers about one unit. Time facts are not stored as flags: "cooling
 * down" is {@code lastRestartAt + cooldown(backoffStep) > now}, "in the window" is a restart time
 * after {@code now - window}; both are computed against the engine's clock.
 *
 * <p>{@code lastReport} and {@code lastDecision} are shown to operators but are not part of the
 * durable identity ({@link #sameDurableAs}): a steady stream of UP reports changes only them, and
 * must not cost a disk write each.
 *
 * @param restarts policy and manual restarts in the churn window, oldest first; a manual reset or
 *     a closing circuit clears them
 * @param restartLog every restart of the last hours, never cleared by a reset: the safety envelope
 *     counts what really happened
 * @param nonTransientSince when the current non-transient failure episode was escalated (a failure
 *     a restart cannot fix); null outside one. An UP report, a RESET or FORCE_RESTART, or an
 *     eligible DOWN of a transient class ends it
 */
public record UnitState(
    String unit,
    int downCount,
    int degradedCount,
    Instant upSince,
    List<Instant> restarts,
    List<Instant> restartLog,
    int backoffStep,
    Instant lastRestartAt,
    Circuit circuit,
    Hold hold,
    List<DriftFact> drift,
    LastReport lastReport,
    DecisionSummary lastDecision,
    Instant nonTransientSince) {

  public UnitState {
    Objects.requireNonNull(unit, "unit");
    restarts = restarts == null ? List.of() : List.copyOf(restarts);
    restartLog = restartLog == null ? List.of() : List.copyOf(restartLog);
    drift = drift == null ? List.of() : List.copyOf(drift);
    circuit = circuit == null ? Circuit.CLOSED : circuit;
  }

  public static UnitState initial(String unit) {
    return new UnitState(unit, 0, 0, null, List.of(), List.of(), 0, null, Circuit.CLOSED, null, List.of(), null, null, null);
  }

  /** True when the two differ only in what is shown, not in what decides. */
  public boolean sameDurableAs(UnitState o) {
    return o != null
        && downCount == o.downCount
        && degradedCount == o.degradedCount
        && Objects.equals(upSince, o.upSince)
        && restarts.equals(o.restarts)
        && restartLog.equals(o.restartLog)
        && backoffStep == o.backoffStep
        && Objects.equals(lastRestartAt, o.lastRestartAt)
        && circuit.equals(o.circuit)
        && Objects.equals(hold, o.hold)
        && drift.equals(o.drift)
        && Objects.equals(nonTransientSince, o.nonTransientSince)
        && Objects.equals(status(), o.status());
  }

  public HealthStatus status() {
    return lastReport == null ? null : lastReport.status();
  }

  /** Restarts in the churn window after {@code exclusiveStart}. */
  public int restartsSince(Instant exclusiveStart) {
    return count(restarts, exclusiveStart);
  }

  /** All restarts after {@code exclusiveStart}, resets notwithstanding: what the safety envelope counts. */
  public int loggedRestartsSince(Instant exclusiveStart) {
    return count(restartLog, exclusiveStart);
  }

  private static int count(List<Instant> times, Instant exclusiveStart) {
    int n = 0;
    for (Instant r : times) {
      if (r.isAfter(exclusiveStart)) n++;
    }
    return n;
  }

  public boolean holdActive(Instant now) {
    return hold != null && hold.activeAt(now);
  }

  public boolean hasDriftError() {
    return driftErrorCount() > 0;
  }

  public int driftErrorCount() {
    int n = 0;
    for (DriftFact d : drift) {
      if (d.severity() == DriftSeverity.ERROR) n++;
    }
    return n;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable copy used while one decision is applied; never shared. */
  public static final class Builder {
    public String unit;
    public int downCount;
    public int degradedCount;
    public Instant upSince;
    public List<Instant> restarts;
    public List<Instant> restartLog;
    public int backoffStep;
    public Instant lastRestartAt;
    public Circuit circuit;
    public Hold hold;
    public List<DriftFact> drift;
    public LastReport lastReport;
    public DecisionSummary lastDecision;
    public Instant nonTransientSince;

    Builder(UnitState s) {
      unit = s.unit;
      downCount = s.downCount;
      degradedCount = s.degradedCount;
      upSince = s.upSince;
      restarts = new ArrayList<>(s.restarts);
      restartLog = new ArrayList<>(s.restartLog);
      backoffStep = s.backoffStep;
      lastRestartAt = s.lastRestartAt;
      circuit = s.circuit;
      hold = s.hold;
      drift = new ArrayList<>(s.drift);
      lastReport = s.lastReport;
      lastDecision = s.lastDecision;
      nonTransientSince = s.nonTransientSince;
    }

    /** Drops restarts older than {@code keep}: nothing looks further back than the longest window. */
    public Builder prune(Instant now, Duration keep) {
      Instant cutoff = now.minus(keep);
      restarts.removeIf(r -> !r.isAfter(cutoff));
      restartLog.removeIf(r -> !r.isAfter(cutoff));
      return this;
    }

    public void recordRestart(Instant at) {
      restarts.add(at);
      restartLog.add(at);
    }

    public UnitState build() {
      return new UnitState(unit, downCount, degradedCount, upSince, restarts, restartLog, backoffStep,
          lastRestartAt, circuit, hold, drift, lastReport, lastDecision, nonTransientSince);
    }
  }
}
