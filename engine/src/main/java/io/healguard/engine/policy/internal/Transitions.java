package io.healguard.engine.policy.internal;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Circuit;
import io.healguard.engine.decision.CircuitTransitions;
import io.healguard.engine.decision.Hold;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.rules.Verdict;
import java.time.Duration;
import java.time.Instant;

/**
 * Applies an input and its verdict to a unit's state. Two kinds of change: what the input itself
 * means (counters, holds, drift findings, a reset), whatever the table said; and what the verdict
 * means (a restart is recorded, a circuit opens, probes or closes, the backoff resets). Circuit
 * changes go through {@link CircuitTransitions}.
 */
public final class Transitions {
  private Transitions() {}

  /** Counters before the table is asked: the facts depend on them. */
  public static UnitState counters(UnitState s, Input in, Instant now) {
    if (!(in instanceof Input.Report r)) {
      return s;
    }
    UnitState.Builder b = s.toBuilder();
    switch (r.report().status()) {
      case UP -> {
        b.downCount = 0;
        b.degradedCount = 0;
        if (b.upSince == null) b.upSince = now;
      }
      case DEGRADED -> {
        b.degradedCount++;
        b.downCount = 0;
        b.upSince = null;
      }
      case DOWN -> {
        b.downCount++;
        b.degradedCount = 0;
        b.upSince = null;
      }
    }
    return b.build();
  }

  /** {@code cause}: the class of a DOWN report (UNKNOWN for any other input). */
  public static UnitState apply(UnitState s, Input in, Verdict v, Thresholds th, Instant now, CauseClass cause) {
    UnitState.Builder b = s.toBuilder();
    applyInput(b, in, now);
    applyEpisode(b, s, in, v, th, cause, now);
    applyVerdict(b, s, v, th, now);
    // nothing looks back further than the churn window or the safety envelope's hour
    Duration keep = th.window().compareTo(Duration.ofHours(1)) > 0 ? th.window() : Duration.ofHours(1);
    return b.prune(now, keep.multipliedBy(2)).build();
  }

  private static void applyInput(UnitState.Builder b, Input in, Instant now) {
    if (in instanceof Input.OperatorOverride o) {
      switch (o.mode()) {
        case HOLD -> b.hold = new Hold(o.actor(), o.reason(), now, now.plus(o.ttl()));
        case RELEASE -> b.hold = null;
        case RESET -> {
          b.downCount = 0;
          b.degradedCount = 0;
          b.restarts.clear();
          b.backoffStep = 0;
          b.lastRestartAt = null;
          b.circuit = CircuitTransitions.check(b.unit, b.circuit, Circuit.CLOSED, "manual reset");
        }
        case FORCE_RESTART -> {}
      }
    } else if (in instanceof Input.Drift d) {
      boolean known = b.drift.stream().anyMatch(f -> f.sameFinding(d.finding()));
      // a scan that finds the same thing again changes nothing: it keeps its first "since"
      if (!known) {
        b.drift.removeIf(f -> f.kind().equals(d.finding().kind()));
        b.drift.add(d.finding());
      }
    } else if (in instanceof Input.DriftClear c) {
      if (c.kindToClear() == null) b.drift.clear();
      else b.drift.removeIf(f -> f.kind().equals(c.kindToClear()));
    }
  }

  /**
   * The non-transient failure episode: begins at its first NON_TRANSIENT_FAILURE verdict (so the
   * table's next answer is the episode's BLOCK, not another escalation); ends at an UP report, a
   * RESET or FORCE_RESTART, or an eligible DOWN of a transient class.
   */
  private static void applyEpisode(UnitState.Builder b, UnitState s, Input in, Verdict v, Thresholds th,
      CauseClass cause, Instant now) {
    boolean ends = in instanceof Input.Report r && r.report().status() == HealthStatus.UP
        || in instanceof Input.OperatorOverride o && (o.mode() == OverrideMode.RESET || o.mode() == OverrideMode.FORCE_RESTART)
        || eligibleDown(in, s, th) && !cause.nonTransient();
    if (ends) {
      b.nonTransientSince = null;
    } else if (Reasons.NON_TRANSIENT_FAILURE.equals(v.reason()) && b.nonTransientSince == null) {
      b.nonTransientSince = now;
    }
  }

  private static void applyVerdict(UnitState.Builder b, UnitState before, Verdict v, Thresholds th, Instant now) {
    if (v.action() == Action.RESTART) {
      b.recordRestart(now);
      b.backoffStep++;
      b.lastRestartAt = now;
      b.downCount = 0;
    }
    Circuit c = b.circuit;
    switch (v.reason()) {
      case Reasons.HALF_OPEN_PROBE -> {
        if (c instanceof Circuit.Open o) {
          b.circuit = CircuitTransitions.check(b.unit, c, new Circuit.HalfOpen(o.openedAt(), o.cooloff(), now), "probe restart");
        }
      }
      case Reasons.PROBE_FAILED -> {
        if (c instanceof Circuit.HalfOpen h) {
          b.circuit = CircuitTransitions.check(b.unit, c, new Circuit.Open(now, th.doubledCooloff(h.cooloff())), "probe failed");
        }
      }
      case Reasons.CHURN_LIMIT_REACHED -> {
        if (c instanceof Circuit.Closed) {
          b.circuit = CircuitTransitions.check(b.unit, c, new Circuit.Open(now, th.cooloff()), "churn limit reached");
        }
      }
      case Reasons.CIRCUIT_CLOSED -> {
        b.circuit = CircuitTransitions.check(b.unit, c, Circuit.CLOSED, "stable after recovery");
        b.restarts.clear();
        b.backoffStep = 0;
      }
      case Reasons.BACKOFF_RESET -> b.backoffStep = 0;
      default -> {}
    }
  }

  /** True when the input was a DOWN report at or above the failure threshold. */
  public static boolean eligibleDown(Input in, UnitState afterCounters, Thresholds th) {
    return in instanceof Input.Report r
        && r.report().status() == HealthStatus.DOWN
        && afterCounters.downCount() >= th.failures();
  }

}
