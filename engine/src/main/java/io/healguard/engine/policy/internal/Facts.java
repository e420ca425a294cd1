package io.healguard.engine.policy.internal;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.decision.Circuit;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.StormSettings;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.rules.Situation;
import java.time.Duration;
import java.time.Instant;
import io.healguard.engine.store.StateStore;

/**
 * Computes the gate facts for one input from the unit's state (counters already applied), the
 * fleet and the clock, with the cause class the causes table gave a DOWN report. Only time and
 * counting happen here; what the facts mean is the table's.
 */
public final class Facts {
  private Facts() {}

  public static Situation of(
      Input in, UnitState s, Thresholds th, UnitProfile profile, Instant now,
      SafetyEnvelope envelope, StateStore fleet, StormSettings storm, int knownUnits, CauseClass cause) {
    Situation f = new Situation();
    f.setInput(in.kind());
    f.setEvent(in.event());
    f.setHoldActive(s.holdActive(now));
    f.setDriftError(s.hasDriftError());
    f.setCircuit(s.circuit().state().name());
    f.setCooloffOver(s.circuit() instanceof Circuit.Open o && o.cooloffOver(now));
    if (in instanceof Input.Report r) {
      switch (r.report().status()) {
        case UP -> {
          f.setStableReached(s.upSince() != null && !now.isBefore(s.upSince().plus(th.stablePeriod())));
          f.setBackoffActive(s.backoffStep() > 0);
        }
        case DEGRADED -> f.setBelowThreshold(s.degradedCount() < th.failures());
        case DOWN -> {
          f.setBelowThreshold(s.downCount() < th.failures());
          f.setCause(cause.name());
          f.setNonTransientEpisode(s.nonTransientSince() != null);
          f.setDependencyDown(dependencyDown(profile, fleet));
          f.setStorm(storm != null && isStorm(s.unit(), now, fleet, storm, knownUnits));
          f.setCooldownActive(cooldownActive(s, th, now));
          f.setChurnAtMax(s.restartsSince(now.minus(th.window())) >= th.maxRestarts());
          f.setSafetyEnvelopeReached(
              s.loggedRestartsSince(now.minus(Duration.ofHours(1))) >= envelope.maxRestartsPerHour());
        }
      }
    }
    return f;
  }

  /** The causes table's class for a DOWN report; null for every other input (it has no failure to classify). */
  public static Classification classify(Input in, PolicySnapshot p) {
    if (in instanceof Input.Report r && r.report().status() == HealthStatus.DOWN) {
      return p.classify(r.report().cause());
    }
    return null;
  }

  public static boolean cooldownActive(UnitState s, Thresholds th, Instant now) {
    Instant until = cooldownUntil(s, th);
    return until != null && now.isBefore(until);
  }

  public static Instant cooldownUntil(UnitState s, Thresholds th) {
    if (s.lastRestartAt() == null || s.backoffStep() <= 0) {
      return null;
    }
    return s.lastRestartAt().plus(th.cooldownAfter(s.backoffStep()));
  }

  private static boolean dependencyDown(UnitProfile profile, StateStore fleet) {
    for (String dep : profile.dependsOn()) {
      if (fleet.latestStatus(dep) == HealthStatus.DOWN) {
        return true;
      }
    }
    return false;
  }

  /** Units whose latest report is DOWN and fresh, this one included (its report is DOWN now). */
  private static boolean isStorm(
      String self, Instant now, StateStore fleet, StormSettings storm, int knownUnits) {
    // counting past the threshold changes nothing: isStorm only grows with the count
    int down = 1 + fleet.freshDownUnits(now.minus(storm.freshness()), self, storm.unitsNeeded(knownUnits) - 1);
    return storm.isStorm(down, Math.max(knownUnits, down));
  }
}
