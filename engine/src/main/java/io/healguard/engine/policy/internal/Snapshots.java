package io.healguard.engine.policy.internal;

import io.healguard.engine.json.Durations;
import io.healguard.engine.decision.Circuit;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.decision.UnitState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Turns a stored state into what an operator reads, including the next time a restart could be allowed. */
public final class Snapshots {
  private Snapshots() {}

  public static UnitSnapshot of(UnitState s, Thresholds th, SafetyEnvelope envelope, Instant now) {
    Circuit c = s.circuit();
    CircuitState shown = c.state();
    Instant openedAt = null, cooloffUntil = null, probeAt = null;
    if (c instanceof Circuit.Open o) {
      openedAt = o.openedAt();
      cooloffUntil = o.cooloffEnds();
      // cool-off over: half-open, waiting for its probe
      if (o.cooloffOver(now)) shown = CircuitState.HALF_OPEN;
    } else if (c instanceof Circuit.HalfOpen h) {
      openedAt = h.openedAt();
      probeAt = h.probeAt();
    }
    Instant cooldownUntil = Facts.cooldownUntil(s, th);
    boolean cooldownActive = cooldownUntil != null && now.isBefore(cooldownUntil);
    int inWindow = s.restartsSince(now.minus(th.window()));
    int driftErrors = s.driftErrorCount();
    return new UnitSnapshot(shown, openedAt, cooloffUntil, probeAt, inWindow, th.maxRestarts(),
        Durations.format(th.window()), cooldownActive, cooldownActive ? cooldownUntil : null,
        s.backoffStep(), nextRestartAllowedAt(s, th, envelope, now, cooldownUntil, driftErrors),
        s.downCount(), s.degradedCount(), s.holdActive(now) ? s.hold().expiresAt() : null, driftErrors);
  }

  /**
   * The earliest time at which every time-based gate (hold, cool-off, cooldown, churn window,
   * safety hour) lets a policy restart through; null when something other than time must change
   * first (a drift error, a probe awaiting its verdict).
   */
  static Instant nextRestartAllowedAt(
      UnitState s, Thresholds th, SafetyEnvelope envelope, Instant now, Instant cooldownUntil, int driftErrors) {
    if (driftErrors > 0 || s.circuit() instanceof Circuit.HalfOpen) {
      return null;
    }
    Instant t = now;
    if (s.holdActive(now)) t = max(t, s.hold().expiresAt());
    if (s.circuit() instanceof Circuit.Open o) {
      t = max(t, o.cooloffEnds());
    } else {
      if (cooldownUntil != null) t = max(t, cooldownUntil);
      t = max(t, whenBelow(s.restarts(), th.window(), th.maxRestarts(), now));
    }
    t = max(t, whenBelow(s.restartLog(), Duration.ofHours(1), envelope.maxRestartsPerHour(), now));
    return t;
  }

  /** When fewer than {@code max} of {@code restarts} lie in the trailing {@code window}. */
  private static Instant whenBelow(List<Instant> restarts, Duration window, int max, Instant now) {
    // loops, not streams: this runs for every report's answer, mostly over short lists
    Instant start = now.minus(window);
    int in = 0;
    for (Instant r : restarts) {
      if (r.isAfter(start)) in++;
    }
    if (in < max) return now;
    // the (in - max + 1)-th oldest of those in the window must leave it (restarts are oldest first)
    int skip = in - max;
    for (Instant r : restarts) {
      if (r.isAfter(start) && skip-- == 0) return r.plus(window);
    }
    throw new IllegalStateException("unreachable: " + in + " restarts in the window, max " + max);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
