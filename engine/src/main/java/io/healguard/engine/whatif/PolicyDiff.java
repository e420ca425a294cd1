package io.healguard.engine.whatif;

import io.healguard.engine.Healguard;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.policy.UnitView;
import io.healguard.engine.scenario.ScenarioClock;
import io.healguard.engine.store.LocalStateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays the same inputs through two independent engines, one per policy, each with its own
 * in-memory store, on one replay clock. Once the two disagree their states drift apart (one
 * restarted, the other did not), so every later difference is a consequence of the policy
 * change too, which is what an operator wants to see.
 *
 * @throws io.healguard.engine.rules.PolicyRejectedException (from {@link #run}) when either
 *     policy fails the engine's gate
 */
public final class PolicyDiff {
  private PolicyDiff() {}

  public static DiffReport run(Path from, Path to, Replay replay, SafetyEnvelope envelope) {
    ScenarioClock clock = new ScenarioClock(replay.start());
    SafetyEnvelope env = replay.maxRestartsPerHour() == null ? envelope : new SafetyEnvelope(replay.maxRestartsPerHour());
    try (Healguard a = Healguard.open(from, LocalStateStore.memory(), clock, env, replay.units());
        Healguard b = Healguard.open(to, LocalStateStore.memory(), clock, env, replay.units())) {
      Map<Action, Integer> totalsA = zero();
      Map<Action, Integer> totalsB = zero();
      List<DiffReport.Difference> diffs = new ArrayList<>();
      for (Replay.Event e : replay.events()) {
        clock.set(e.at());
        a.engine().expireHolds();
        b.engine().expireHolds();
        if (e.eligible()) {
          topUp(a, e.input().unit());
          topUp(b, e.input().unit());
        }
        Decision da = a.engine().decide(e.input());
        Decision db = b.engine().decide(e.input());
        totalsA.merge(da.action(), 1, Integer::sum);
        totalsB.merge(db.action(), 1, Integer::sum);
        if (da.action() != db.action() || !Objects.equals(da.reason(), db.reason())) {
          diffs.add(new DiffReport.Difference(e.step(), e.at(), da.unit(), da.input(), outcome(da), outcome(db)));
        }
      }
      return new DiffReport(
          new DiffReport.Side(from.toString(), a.policy().current().version(), totalsA),
          new DiffReport.Side(to.toString(), b.policy().current().version(), totalsB),
          replay.source(), replay.events().size(), replay.note(), List.copyOf(diffs));
    }
  }

  /**
   * An audit holds a DOWN report only when it was acted on, not the reports before it that
   * counted up to the failure threshold: add those (below the threshold of this engine's policy,
   * so each is decided BELOW_THRESHOLD and changes nothing but the count). They are not compared.
   */
  private static void topUp(Healguard hg, String unit) {
    UnitView view = hg.engine().view(unit).orElse(null);
    if (view == null) {
      return;
    }
    int failures = hg.policy().current().thresholds(view.tier()).failures();
    for (int n = view.state().downCount(); n < failures - 1; n++) {
      hg.engine().decide(new Input.Report(HealthReport.of(unit, HealthStatus.DOWN)));
    }
  }

  private static DiffReport.Outcome outcome(Decision d) {
    return new DiffReport.Outcome(d.action(), d.reason(), d.rule());
  }

  private static Map<Action, Integer> zero() {
    Map<Action, Integer> m = new EnumMap<>(Action.class);
    for (Action x : Action.values()) m.put(x, 0);
    return m;
  }
}
