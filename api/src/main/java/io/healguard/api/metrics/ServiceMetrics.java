package io.healguard.api.metrics;

import io.healguard.api.alerts.Alerts;
import io.healguard.api.exec.ExecutionOutcome;
import io.healguard.engine.Healguard;
import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.UnitView;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.ReloadOutcome;
import io.healguard.engine.rules.RowOutcome;
import io.healguard.engine.store.StateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics, named the Prometheus way (base units, {@code _total}
 * counters). Counters are bumped on the decision path and exist at 0 from start-up for every
 * label value known in advance (each action and reason the policy's rows and the engine's guards
 * can give, re-read at each policy load), so {@code increase()} sees the first event. Gauges of
 * unit state are computed from the engine's views at scrape time, so they can never drift from
 * what {@code /api/v1/units} shows; per-unit gauges carry a {@code unit} label, and
 * {@code healguard_unit_circuit_state{unit,state}} is 1 for the current state and 0 for the
 * others, as resilience4j and systemd_exporter do.
 */
public final class ServiceMetrics {
  private static final List<String> CIRCUIT_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN");
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge policyInfo;
  private final MultiGauge circuitState;
  private final MultiGauge holdSince;
  private final MultiGauge alertActive;
  private final PolicyManager policy;
  private final RecoveryEngine engine;
  private volatile Supplier<List<Alerts.Alert>> alerts = List::of;
  // the two meters bumped on every request, looked up without building a meter id each time;
  // both key sets are small: routes are templates, reasons come from the tables
  private final Map<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();
  private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
  private final List<Runnable> afterDecision = new CopyOnWriteArrayList<>();
  private final Counter restarts;
  private final Counter shadowCompared;

  private record DecisionKey(Action action, String reason) {}

  private record RequestKey(String method, String route, int status) {}

  public ServiceMetrics(Healguard healguard) {
    this(healguard.engine(), healguard.policy(), healguard.store(), buildVersion());
  }

  /** {@code store}: asked whether it can be written; {@code version}: the build, for {@code healguard_build_info}. */
  public ServiceMetrics(RecoveryEngine engine, PolicyManager policy, StateStore store, String version) {
    this.policy = policy;
    this.engine = engine;
    Gauge.builder("healguard.build.info", () -> 1).description("The healguard build (value 1)")
        .tags("version", version, "java_version", System.getProperty("java.version", "unknown")).register(registry);
    Gauge.builder("healguard.circuits.open", engine,
            e -> e.views().stream().filter(v -> v.state().circuit() == CircuitState.OPEN).count())
        .description("Units whose circuit is OPEN").register(registry);
    Gauge.builder("healguard.holds.active", engine,
            e -> e.views().stream().filter(v -> v.hold() != null).count())
        .description("Units under an operator's hold").register(registry);
    Gauge.builder("healguard.fleet.storm.active", engine, e -> e.fleet().stormEpisodeActive() ? 1 : 0)
        .description("1 while a fleet storm episode is active (restarts stopped fleet-wide)").register(registry);
    Gauge.builder("healguard.store.writable", store, s -> s.writable() ? 1 : 0)
        .description("1 when the state store can be written; 0: no restart is permitted").register(registry);
    Gauge.builder("healguard.policy.last.reload.success", policy,
            p -> p.lastOutcome() == null || p.lastOutcome().rejected() ? 0 : 1)
        .description("1 when the last policy load or reload was activated or unchanged").register(registry);
    Gauge.builder("healguard.policy.last.reload.timestamp.seconds", policy,
            p -> p.lastOutcome() == null ? 0 : p.lastOutcome().at().toEpochMilli() / 1000.0)
        .description("When the last policy load or reload was attempted").register(registry);
    policyInfo = MultiGauge.builder("healguard.policy.info")
        .description("The policy version in force (value 1)").register(registry);
    circuitState = MultiGauge.builder("healguard.unit.circuit.state")
        .description("1 for the unit's current circuit state, 0 for the others").register(registry);
    holdSince = MultiGauge.builder("healguard.unit.hold.since.timestamp.seconds")
        .description("When the operator's hold on the unit was set (units under a hold only)").register(registry);
    alertActive = MultiGauge.builder("healguard.alert.active")
        .description("1 for each active alert signal of GET /api/v1/alerts (unit is fleet for fleet-wide signals)")
        .register(registry);
    restarts = Counter.builder("healguard.restarts").description("RESTART decisions").register(registry);
    shadowCompared = Counter.builder("healguard.shadow.decisions.compared")
        .description("Live decisions also decided by the shadow candidate").register(registry);
    for (Action live : Action.values()) {
      for (Action shadow : Action.values()) {
        shadowDisagreements(live, shadow);
      }
    }
    // at 0 from the start, so increase() sees the first non-transient failure
    for (CauseClass cls : CauseClass.values()) {
      for (Action action : Action.values()) {
        byCause(cls, action);
      }
    }
    onPolicy(null);
    policy.addListener(this::onPolicy);
  }

  /** The version in the jar's manifest, {@code dev} in a build tree. */
  static String buildVersion() {
    String v = ServiceMetrics.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The alert signals {@code healguard_alert_active} shows, asked at each scrape. */
  public void alertsFrom(Supplier<List<Alerts.Alert>> active) {
    this.alerts = active;
  }

  private void onPolicy(ReloadOutcome ignored) {
    var p = policy.current();
    policyInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", p.version(), "short", p.shortVersion()), 1)), true);
    // every action and reason the rows and the guards can give, at 0 until the first one
    Set<DecisionKey> known = new LinkedHashSet<>();
    for (RowOutcome r : p.gateRows().values()) {
      if (r.action() != null && r.reason() != null) {
        known.add(new DecisionKey(r.action(), r.reason()));
      }
    }
    for (String guarded : List.of(Reasons.MANUAL_HOLD, Reasons.CIRCUIT_OPEN, Reasons.SAFETY_ENVELOPE,
        Reasons.STORE_UNAVAILABLE)) {
      known.add(new DecisionKey(Action.BLOCK, guarded));
    }
    known.forEach(k -> {
      decisionCounter(k);
      if (k.action() == Action.BLOCK) {
        blocked(k.reason());
      }
    });
  }

  private Counter decisionCounter(DecisionKey key) {
    return decisions.computeIfAbsent(key, k ->
        Counter.builder("healguard.decisions").description("Decisions by action and reason")
            .tags("action", k.action().name(), "reason", k.reason()).register(registry));
  }

  private Counter byCause(CauseClass cls, Action action) {
    return Counter.builder("healguard.decisions.by.cause").description("Decisions on DOWN reports by cause class and action")
        .tags("cause_class", cls.name(), "action", action.name()).register(registry);
  }

  private Counter blocked(String reason) {
    return Counter.builder("healguard.restarts.blocked").description("Blocked restarts by reason")
        .tag("reason", reason).register(registry);
  }

  /**
   * Runs {@code r} after each decision is counted (the alert pusher's wake-up); it must not block,
   * since it runs on the decision's thread.
   */
  public void afterDecision(Runnable r) {
    afterDecision.add(r);
  }

  public void decision(Decision d) {
    decisionCounter(new DecisionKey(d.action(), d.reason())).increment();
    if (d.action() == Action.RESTART) {
      restarts.increment();
    } else if (d.action() == Action.BLOCK) {
      blocked(d.reason()).increment();
    }
    if (d.cause() != null) {
      // DOWN reports only: what the causes table made of them, and what that led to
      byCause(d.cause().causeClass(), d.action()).increment();
    }
    afterDecision.forEach(Runnable::run);
  }

  /** A live decision compared with the shadow candidate's. */
  public void shadowCompared() {
    shadowCompared.increment();
  }

  /** The shadow candidate would have decided another action or reason. */
  public void shadowDisagreement(Action live, Action shadow) {
    shadowDisagreements(live, shadow).increment();
  }

  private Counter shadowDisagreements(Action live, Action shadow) {
    return Counter.builder("healguard.shadow.disagreements")
        .description("Live decisions the shadow candidate would decide differently, by both actions")
        .tags("live_action", live.name(), "shadow_action", shadow.name()).register(registry);
  }

  /** The executor's mode, so both results of its restarts exist at 0 from start-up. */
  public void executorMode(String mode) {
    for (boolean ok : new boolean[] {true, false}) {
      executions(mode, ok);
    }
  }

  public void execution(ExecutionOutcome o) {
    executions(o.mode(), o.succeeded()).increment();
  }

  private Counter executions(String mode, boolean success) {
    return Counter.builder("healguard.restart.executions").description("Restarts run by the executor, by result")
        .tags("mode", mode, "success", String.valueOf(success)).register(registry);
  }

  public void request(String method, String route, int status, long nanos) {
    requests.computeIfAbsent(new RequestKey(method, route, status), k ->
        Timer.builder("healguard.http.requests").description("HTTP request latency by route and status")
            .tags("method", k.method(), "route", k.route(), "status", String.valueOf(k.status()))
            .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A request refused with a 4xx (or a client gone mid-request), by kind: the problem type, a
   * name from code, so the series stay bounded however many bad requests arrive.
   */
  public void rejection(String kind) {
    rejectionCounter(kind).increment();
  }

  /** Starts each of {@code kinds} at 0, so a rate over them exists before the first rejection. */
  public void rejectionKinds(java.util.Collection<String> kinds) {
    kinds.forEach(this::rejectionCounter);
  }

  private Counter rejectionCounter(String kind) {
    return rejections.computeIfAbsent(kind, k -> Counter.builder("healguard.http.rejections")
        .description("Requests refused as the client's error, by kind").tag("kind", k).register(registry));
  }

  /** For components that register their own meters (the drift scanner, the alert pusher). */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    refreshUnitGauges();
    return registry.scrape();
  }

  /** The per-unit and per-alert gauges, from one read of the views; units gone since the last scrape vanish. */
  private void refreshUnitGauges() {
    List<MultiGauge.Row<?>> circuits = new ArrayList<>();
    List<MultiGauge.Row<?>> holds = new ArrayList<>();
    List<MultiGauge.Row<?>> active = new ArrayList<>();
    try {
      for (UnitView v : engine.views()) {
        String current = v.state().circuit().name();
        for (String s : CIRCUIT_STATES) {
          circuits.add(MultiGauge.Row.of(Tags.of("unit", v.unit(), "state", s), s.equals(current) ? 1 : 0));
        }
        if (v.hold() != null && v.hold().setAt() != null) {
          holds.add(MultiGauge.Row.of(Tags.of("unit", v.unit()), v.hold().setAt().toEpochMilli() / 1000.0));
        }
      }
      Set<Tags> seen = new LinkedHashSet<>();
      for (Alerts.Alert a : alerts.get()) {
        Tags t = Tags.of("unit", a.unit(), "signal", a.signal(), "severity", a.severity());
        if (seen.add(t)) {
          active.add(MultiGauge.Row.of(t, 1));
        }
      }
    } catch (RuntimeException storeAway) {
      // the store cannot be read: the unit gauges keep their last values, healguard_store_writable says why
      return;
    }
    circuitState.register(circuits, true);
    holdSince.register(holds, true);
    alertActive.register(active, true);
  }
}
