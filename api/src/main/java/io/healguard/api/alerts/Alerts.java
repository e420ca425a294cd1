package io.healguard.api.alerts;

import io.healguard.api.replica.PolicySync;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.DriftSeverity;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.UnitView;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.ReloadOutcome;
import io.healguard.engine.store.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Active alert signals, derived on each call from unit views, the fleet state and the policy
 * manager: nothing is stored, so an alert clears as soon as its condition does.
 */
public final class Alerts {
  public static final String FLEET = "fleet";
  static final Recommendation FIX_POLICY = new Recommendation("FIX_POLICY_TABLES",
      "The last table edit was rejected; the previous policy keeps deciding. Fix the problems listed by GET /api/v1/policy.",
      "runbook/alerts/POLICY_REJECTED.md");

  static final Recommendation RESTORE_STORE = new Recommendation("RESTORE_STORE",
      "The state store cannot be written: no restart is permitted until it is back.",
      "runbook/STORE_UNAVAILABLE.md");

  static final Recommendation FIX_SHARED_POLICY = new Recommendation("FIX_SHARED_POLICY",
      "The policy version shared by the replicas was rejected by this replica; it keeps deciding with its previous "
          + "version. Compare GET /api/v1/policy on each replica (a different healguard build?), then reload a fixed "
          + "version on one replica.",
      "runbook/alerts/POLICY_REJECTED.md");

  private final RecoveryEngine engine;
  private final StateStore store;
  private final PolicyManager policy;

  /** {@code store}: the engine's, asked whether it can be written (its views come from it). */
  public Alerts(RecoveryEngine engine, StateStore store, PolicyManager policy) {
    this.engine = engine;
    this.store = store;
    this.policy = policy;
  }

  /** {@code details}: signal-specific facts (a non-transient failure's class and matched log line); null when none. */
  public record Alert(String unit, String signal, String severity, Instant since, Recommendation recommendation,
      java.util.Map<String, String> details) {
    public Alert(String unit, String signal, String severity, Instant since, Recommendation recommendation) {
      this(unit, signal, severity, since, recommendation, null);
    }
  }

  private final List<java.util.function.Supplier<List<Alert>>> sources = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Adds alerts derived elsewhere (the drift scanner's), asked on each call like the rest. */
  public void addSource(java.util.function.Supplier<List<Alert>> source) {
    sources.add(source);
  }

  public List<Alert> active() {
    PolicySnapshot p = policy.current();
    List<Alert> out = new ArrayList<>();
    if (!store.writable()) {
      // unit views come from the store: while it is away this is the one signal to give
      out.add(new Alert(FLEET, "STORE_UNAVAILABLE", "critical", null, RESTORE_STORE));
      return out;
    }
    var fleet = engine.fleet();
    if (fleet.stormEpisodeActive()) {
      out.add(new Alert(FLEET, "FLEET_STORM", "critical", fleet.stormEpisodeSince(),
          p.recommendationFor(Reasons.FLEET_STORM)));
    }
    ReloadOutcome rejected = policy.lastRejected();
    if (rejected != null && rejected.at().isAfter(p.loadedAt())) {
      boolean shared = rejected.actor() != null && rejected.actor().startsWith(PolicySync.ACTOR_PREFIX);
      out.add(new Alert(FLEET, "POLICY_REJECTED", "warning", rejected.at(), shared ? FIX_SHARED_POLICY : FIX_POLICY));
    }
    for (UnitView v : engine.views()) {
      if (v.state().circuit() == CircuitState.OPEN) {
        out.add(new Alert(v.unit(), "CIRCUIT_OPEN", "critical", v.state().circuitOpenedAt(),
            p.recommendationFor(Reasons.CIRCUIT_OPEN)));
      }
      if (v.lastDecision() != null && v.lastDecision().action() == Action.ESCALATE) {
        out.add(new Alert(v.unit(), "ESCALATED", "critical", v.lastDecision().at(),
            v.lastDecision().recommendation()));
      }
      if (v.lastDecision() != null && Reasons.NON_TRANSIENT_FAILURE.equals(v.lastDecision().reason())) {
        out.add(nonTransient(v));
      }
      List<DriftFact> errors = v.drift().stream().filter(d -> d.severity() == DriftSeverity.ERROR).toList();
      if (!errors.isEmpty()) {
        Instant since = errors.stream().map(DriftFact::since).filter(java.util.Objects::nonNull)
            .min(Comparator.naturalOrder()).orElse(null);
        out.add(new Alert(v.unit(), "RUNTIME_DRIFT", "warning", since, p.recommendationFor(Reasons.RUNTIME_DRIFT)));
      }
      if (v.hold() != null) {
        out.add(new Alert(v.unit(), "HOLD_ACTIVE", "info", v.hold().setAt(),
            p.recommendationFor(Reasons.MANUAL_HOLD)));
      }
    }
    sources.forEach(s -> out.addAll(s.get()));
    return out;
  }

  /** A failure a restart cannot fix: the class and the log line that said so, for the person paged. */
  private static Alert nonTransient(UnitView v) {
    java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
    var c = v.lastReport() == null ? null : v.lastReport().classification();
    if (c != null) {
      details.put("causeClass", c.causeClass().name());
      if (c.row() != null) details.put("causeRow", c.row());
      if (c.matchedLine() != null) details.put("matchedLine", c.matchedLine());
    }
    return new Alert(v.unit(), Reasons.NON_TRANSIENT_FAILURE, "critical", v.lastDecision().at(),
        v.lastDecision().recommendation(), details);
  }
}
