package io.healguard.api.service;

import io.healguard.api.recheck.Recheck;
import io.healguard.api.replica.PolicySync;
import io.healguard.engine.policy.RecoveryEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's periodic jobs: hold expiry and due rechecks (every {@code holds.sweep-interval}),
 * the replica's policy sync, the audit retention purge. Each tick fires on real time and its job
 * asks the service's clock what time it is, so tests move that clock instead of waiting; the jobs
 * run on the worker pools, never on an event loop.
 */
final class ServiceTimers {
  // the service's logger, as before the timers had a class of their own: operators grep for it
  private static final Logger LOG = LoggerFactory.getLogger(HealguardService.class);

  private final Vertx vertx;
  private final List<Long> ids = new CopyOnWriteArrayList<>();

  ServiceTimers(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Ends expired holds, and runs the rechecks that are due, every {@code every}. */
  void sweeps(Duration every, WorkerExecutor decidePool, WorkerExecutor readPool, RecoveryEngine engine,
      Recheck recheck) {
    long ms = every.toMillis();
    ids.add(vertx.setPeriodic(ms, ms, t -> decidePool.executeBlocking(engine::expireHolds, false)
        .onFailure(e -> LOG.warn("hold expiry sweep failed: {}", e.toString()))));
    if (recheck.enabled()) {
      // the sweep only reads the units; probes run on their own threads, reports on the decision path
      ids.add(vertx.setPeriodic(ms, ms, t -> readPool.executeBlocking(recheck::runDue, false)
          .onFailure(e -> LOG.warn("recheck sweep failed: {}", e.toString()))));
      LOG.info("failed units reported by systemd and not restarted are asked about again {} after their last report",
          io.healguard.engine.json.Durations.format(recheck.interval()));
    }
  }

  /** A replica's poll of the shared policy version; ordered, so a slow poll is not overtaken by the next. */
  void policySync(Duration every, WorkerExecutor readPool, PolicySync sync) {
    long ms = every.toMillis();
    ids.add(vertx.setPeriodic(ms, ms, t -> readPool.executeBlocking(() -> {
      sync.syncOnce();
      return null;
    }, true)));
  }

  /** The audit retention purge: soon after start-up, then every {@link AuditRetention#EVERY}. */
  void auditRetention(Supplier<Future<Long>> purge) {
    ids.add(vertx.setPeriodic(1000, AuditRetention.EVERY.toMillis(), t -> purge.get()
        .onFailure(e -> LOG.warn("audit retention purge failed: {}", e.toString()))));
  }

  void cancel() {
    ids.forEach(vertx::cancelTimer);
    ids.clear();
  }
}
