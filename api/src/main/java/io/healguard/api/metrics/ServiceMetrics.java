package io.healguard.api.metrics;

import io.healguard.api.exec.ExecutionOutcome;
import io.healguard.engine.policy.Action;
import io.healguard.engine.policy.CircuitState;
import io.healguard.engine.policy.Decision;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.ReloadOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's Prometheus metrics. Counters are bumped on the decision path; gauges of unit state
 * (circuits open, holds active) are computed from the engine's views at scrape time, so they can
 * never drift from what {@code /api/v1/units} shows.
 */
public final class ServiceMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge policyInfo;
  private final PolicyManager policy;
  // the two meters bumped on every request, looked up without building a meter id each time;
  // both key sets are small: routes are templates, reasons come from the tables
  private final Map<DecisionKey, Counter> decisions = new ConcurrentHashMap<>();
  private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();

  private record DecisionKey(Action action, String reason) {}

  private record RequestKey(String method, String route, int status) {}

  public ServiceMetrics(RecoveryEngine engine, PolicyManager policy) {
    this.policy = policy;
    Gauge.builder("healguard.circuits.open", engine,
            e -> e.views().stream().filter(v -> v.state().circuit() == CircuitState.OPEN).count())
        .description("Units whose circuit is OPEN").register(registry);
    Gauge.builder("healguard.holds.active", engine,
            e -> e.views().stream().filter(v -> v.hold() != null).count())
        .description("Units under an operator's hold").register(registry);
    Gauge.builder("healguard.policy.last.reload.success", policy,
            p -> p.lastOutcome() == null || p.lastOutcome().rejected() ? 0 : 1)
        .description("1 when the last policy load or reload was activated or unchanged").register(registry);
    Gauge.builder("healguard.policy.last.reload.timestamp.seconds", policy,
            p -> p.lastOutcome() == null ? 0 : p.lastOutcome().at().toEpochMilli() / 1000.0)
        .description("When the last policy load or reload was attempted").register(registry);
    policyInfo = MultiGauge.builder("healguard.policy.info")
        .description("The policy version in force (value 1)").register(registry);
    onPolicy(null);
    policy.addListener(this::onPolicy);
  }

  private void onPolicy(ReloadOutcome ignored) {
    var p = policy.current();
    policyInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", p.version(), "short", p.shortVersion()), 1)), true);
  }

  public void decision(Decision d) {
    decisions.computeIfAbsent(new DecisionKey(d.action(), d.reason()), k ->
        Counter.builder("healguard.decisions").description("Decisions by action and reason")
            .tags("action", k.action().name(), "reason", k.reason()).register(registry)).increment();
    if (d.action() == Action.RESTART) {
      Counter.builder("healguard.restarts").description("RESTART decisions")
          .register(registry).increment();
    } else if (d.action() == Action.BLOCK) {
      Counter.builder("healguard.restarts.blocked").description("Blocked restarts by reason")
          .tag("reason", d.reason()).register(registry).increment();
    }
    if (d.cause() != null) {
      // DOWN reports only: what the causes table made of them, and what that led to
      Counter.builder("healguard.decisions.by.cause").description("Decisions on DOWN reports by cause class and action")
          .tags("cause_class", d.cause().causeClass().name(), "action", d.action().name()).register(registry).increment();
    }
  }

  /** A live decision compared with the shadow candidate's. */
  public void shadowCompared() {
    Counter.builder("healguard.shadow.decisions.compared")
        .description("Live decisions also decided by the shadow candidate").register(registry).increment();
  }

  /** The shadow candidate would have decided another action or reason. */
  public void shadowDisagreement(Action live, Action shadow) {
    Counter.builder("healguard.shadow.disagreements")
        .description("Live decisions the shadow candidate would decide differently, by both actions")
        .tags("live_action", live.name(), "shadow_action", shadow.name()).register(registry).increment();
  }

  public void execution(ExecutionOutcome o) {
    Counter.builder("healguard.restart.executions").description("Restarts run by the executor, by result")
        .tags("mode", o.mode(), "success", String.valueOf(o.succeeded())).register(registry).increment();
  }

  public void request(String method, String route, int status, long nanos) {
    requests.computeIfAbsent(new RequestKey(method, route, status), k ->
        Timer.builder("healguard.http.requests").description("HTTP request latency by route and status")
            .tags("method", k.method(), "route", k.route(), "status", String.valueOf(k.status()))
            .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** For components that register their own meters (the drift scanner). */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }
}
