package io.healguard.api.decide;

import io.healguard.api.exec.ExecutionOutcome;
import io.healguard.api.exec.RestartExecutor;
import io.healguard.api.metrics.ServiceMetrics;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.policy.RecoveryEngine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.healguard.engine.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
  private final Clock clock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean stopping;
  private volatile Consumer<String> onRuntimeBroken = unit -> {};

  /** {@code clock}: the engine's, for the time of the RESTART_EXECUTED audit event. */
  public Decisions(Vertx vertx, RecoveryEngine engine, WorkerExecutor pool, RestartExecutor executor,
      ServiceMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.engine = engine;
    this.pool = pool;
    this.executor = executor;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** A decision and, when the caller waited for it, what the executor did. */
  public record Answer(Decision decision, ExecutionOutcome execution) {}

  /**
   * Decides every report, in order per unit and units in parallel; answers in the order given.
   * Restarts decided here run in the background: the reporter gets its answer without waiting.
   */
  public Future<List<Decision>> reports(List<HealthReport> reports) {
    return tracked(() -> decideReports(reports));
  }

  private Future<List<Decision>> decideReports(List<HealthReport> reports) {
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
          decided(d);
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
  public Future<Answer> override(Input.OperatorOverride in) {
    return tracked(() -> pool.executeBlocking(() -> decideNow(in), false).compose(d -> {
      if (d.action() != Action.RESTART || !executor.executes()) {
        return Future.succeededFuture(new Answer(d, null));
      }
      return Future.fromCompletionStage(execute(d, in.actor()), vertx.getOrCreateContext())
          .map(o -> new Answer(d, o));
    }));
  }

  /** From now on a report or override is refused (answered 503): the service is stopping. */
  public void stopTaking() {
    stopping = true;
  }

  /**
   * Completes when no decision taken here is still running, or after {@code timeout}; with the
   * number still running (0 when all were answered).
   */
  public Future<Integer> drained(Vertx vertx, Duration timeout) {
    if (inFlight.get() == 0) {
      return Future.succeededFuture(0);
    }
    Promise<Integer> done = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    vertx.setPeriodic(10, id -> {
      int n = inFlight.get();
      if (n == 0 || System.nanoTime() - deadline > 0) {
        vertx.cancelTimer(id);
        done.tryComplete(n);
      }
    });
    return done.future();
  }

  /** Counts a decision from its start until it is answered (or failed). */
  private <T> Future<T> tracked(Supplier<Future<T>> decide) {
    inFlight.incrementAndGet();
    if (stopping) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new StoreUnavailableException(
          "healguard is stopping: nothing was decided; send the report to another replica or again once it is back", null));
    }
    Future<T> f;
    try {
      f = decide.get();
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      throw e;
    }
    return f.onComplete(r -> inFlight.decrementAndGet());
  }

  /** A report's RESTART runs in the background (executing modes): the reporter does not wait. */
  private void executeIfRestart(Decision d) {
    if (d.action() == Action.RESTART && executor.executes()) {
      execute(d, POLICY_ACTOR);
    }
  }

  private Decision decideNow(Input in) {
    Decision d = engine.decide(in);
    decided(d);
    return d;
  }

  /**
   * Calls {@code hook} with the unit of a decided DOWN report the causes table classed
   * RUNTIME_BROKEN (the service starts a drift scan, which finds a moved interpreter at once);
   * not for the later BLOCKs of an episode already escalated, which the first one scanned for.
   */
  public void onRuntimeBroken(Consumer<String> hook) {
    this.onRuntimeBroken = hook;
  }

  private void decided(Decision d) {
    metrics.decision(d);
    if (d.cause() != null && d.cause().causeClass() == CauseClass.RUNTIME_BROKEN
        && !(d.action() == Action.BLOCK && Reasons.NON_TRANSIENT_FAILURE.equals(d.reason()))) {
      try {
        onRuntimeBroken.accept(d.unit());
      } catch (RuntimeException e) {
        LOG.warn("unit {}: drift scan after a RUNTIME_BROKEN failure not started: {}", d.unit(), e.toString());
      }
    }
  }

  private CompletableFuture<ExecutionOutcome> execute(Decision d, String actor) {
    return executor.submit(d.unit()).thenApply(o -> {
      metrics.execution(o);
      Map<String, Object> detail = new LinkedHashMap<>(o.toDetail());
      detail.put("decisionId", d.id());
      try {
        engine.audit(AuditEvent.of(AuditType.RESTART_EXECUTED, clock.instant(), d.unit(), actor,
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
