package io.healguard.api.service;

import io.healguard.api.exec.ExecutionOutcome;
import io.healguard.api.exec.RestartExecutor;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.policy.Action;
import io.healguard.engine.policy.Decision;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.RecoveryEngine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer's way to the engine. {@link RecoveryEngine#decide} blocks until the store has
 * made the decision durable, so it runs on the decision worker pool, never on an event loop; a
 * single report first tries {@link RecoveryEngine#decideWithoutWaiting}, which needs no thread. A
 * RESTART decision goes on to the executor (in an executing mode), whose outcome is audited; the
 * executor has its own threads, so a slow restart holds no decision thread.
 */
public final class Decisions {
  private static final Logger LOG = LoggerFactory.getLogger(Decisions.class);
  /** The actor of executions that follow a policy decision rather than an operator. */
  public static final String POLICY_ACTOR = "healguard";

  private final Vertx vertx;
  private final RecoveryEngine engine;
  private final WorkerExecutor pool;
  private final RestartExecutor executor;
  private final ServiceMetrics metrics;

  public Decisions(Vertx vertx, RecoveryEngine engine, WorkerExecutor pool, RestartExecutor executor, ServiceMetrics metrics) {
    this.vertx = vertx;
    this.engine = engine;
    this.pool = pool;
    this.executor = executor;
    this.metrics = metrics;
  }

  /** A decision and, when the caller waited for it, what the executor did. */
  public record Answer(Decision decision, ExecutionOutcome execution) {}

  /**
   * Decides every report, in order per unit and units in parallel; answers in the order given.
   * Restarts decided here run in the background: the reporter gets its answer without waiting.
   */
  public Future<List<Decision>> reports(List<HealthReport> reports) {
    if (reports.size() == 1) {
      // decided here on the event loop when the unit's lock (and the fleet lock, if needed) is
      // free, nearly always: a decision that writes answers once its group commit is durable,
      // with no thread parked on the disk meanwhile; otherwise the worker way below
      Context context = vertx.getOrCreateContext();
      Optional<CompletionStage<Decision>> now =
          engine.decideWithoutWaiting(new Input.Report(reports.get(0)), r -> context.runOnContext(v -> r.run()));
      if (now.isPresent()) {
        CompletableFuture<Decision> answer = now.get().toCompletableFuture();
        Future<Decision> decided = answer.isDone() && !answer.isCompletedExceptionally()
            ? Future.succeededFuture(answer.join()) // nothing to wait for: no extra task
            : Future.fromCompletionStage(answer, context);
        return decided.map(d -> {
          metrics.decision(d);
          executeIfRestart(d);
          return List.of(d);
        });
      }
    }
    Map<String, List<Integer>> byUnit = new LinkedHashMap<>();
    for (int i = 0; i < reports.size(); i++) {
      byUnit.computeIfAbsent(reports.get(i).unit(), k -> new ArrayList<>()).add(i);
    }
    Decision[] out = new Decision[reports.size()];
    List<Future<Void>> all = new ArrayList<>();
    for (List<Integer> idx : byUnit.values()) {
      all.add(pool.executeBlocking(() -> {
        for (int i : idx) {
          Decision d = decideNow(new Input.Report(reports.get(i)));
          out[i] = d;
          executeIfRestart(d);
        }
        return null;
      }, false));
    }
    return Future.all(all).map(v -> List.of(out));
  }

  /** Decides an override; a RESTART (FORCE_RESTART) is executed and waited for in executing modes. */
  public Future<Answer> override(Input.Override in) {
    return pool.executeBlocking(() -> decideNow(in), false).compose(d -> {
      if (d.action() != Action.RESTART || !executor.executes()) {
        return Future.succeededFuture(new Answer(d, null));
      }
      return Future.fromCompletionStage(execute(d, in.actor()), vertx.getOrCreateContext())
          .map(o -> new Answer(d, o));
    });
  }

  /** A report's RESTART runs in the background (executing modes): the reporter does not wait. */
  private void executeIfRestart(Decision d) {
    if (d.action() == Action.RESTART && executor.executes()) {
      execute(d, POLICY_ACTOR);
    }
  }

  private Decision decideNow(Input in) {
    Decision d = engine.decide(in);
    metrics.decision(d);
    return d;
  }

  private CompletableFuture<ExecutionOutcome> execute(Decision d, String actor) {
    return executor.submit(d.unit()).thenApply(o -> {
      metrics.execution(o);
      Map<String, Object> detail = new LinkedHashMap<>(o.toDetail());
      detail.put("decisionId", d.id());
      try {
        engine.audit(AuditEvent.of(AuditType.RESTART_EXECUTED, engine.clock().instant(), d.unit(), actor,
            o.result(), d.policyVersion(), detail));
      } catch (RuntimeException e) {
        LOG.error("unit {}: restart ran ({}) but its audit was not stored: {}", d.unit(), o.result(), e.getMessage());
      }
      if (!o.succeeded()) {
        LOG.warn("unit {}: restart {} after {} ms: {}", d.unit(), o.result(), o.durationMs(),
            o.error() != null ? o.error() : lastLine(o.stderrTail()));
      }
      return o;
    });
  }

  private static String lastLine(String s) {
    if (s == null || s.isBlank()) return "(no stderr)";
    String t = s.strip();
    int nl = t.lastIndexOf('\n');
    return nl < 0 ? t : t.substring(nl + 1);
  }
}
