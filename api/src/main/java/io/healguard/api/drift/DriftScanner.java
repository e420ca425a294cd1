package io.healguard.api.drift;

import io.healguard.api.config.ServiceConfig;
import io.healguard.engine.contract.ContractFile;
import io.healguard.engine.drift.Attribution;
import io.healguard.engine.drift.DriftChecker;
import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.DriftReconciler;
import io.healguard.engine.drift.DriftReport;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.json.Durations;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.UnitView;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the drift check of {@code drift.contract} against {@code drift.root} on a schedule and
 * hands the engine the changes {@link DriftReconciler} plans from its findings (the domain rules
 * live in {@code io.healguard.engine.drift}; this class schedules, records and reports).
 *
 * <p>Scans run one at a time on a one-thread worker pool, never on an event loop (the check reads
 * files; {@link RecoveryEngine#decide} waits for the store). A scan asked for while one runs waits
 * for it and then joins the next one, shared by everyone who asked meanwhile: its answer is never
 * older than the request. A contract that does not load changes no facts; it is logged once, shown
 * as the last scan's error and raised as the fleet alert {@code DRIFT_CONTRACT_INVALID}.
 */
public final class DriftScanner {
  private static final Logger LOG = LoggerFactory.getLogger(DriftScanner.class);
  public static final String CONTRACT_INVALID = "DRIFT_CONTRACT_INVALID";
  public static final String SCAN_FAILED = "DRIFT_SCAN_FAILED";
  static final Recommendation FIX_CONTRACT = new Recommendation("FIX_DRIFT_CONTRACT",
      "The drift contract could not be loaded; drift facts stay as of the last good scan. "
          + "GET /api/v1/drift shows the error.", "runbook/alerts/DRIFT_CONTRACT_INVALID.md");
  static final Recommendation CHECK_SCAN = new Recommendation("FIX_DRIFT_CONTRACT",
      "The drift check failed; drift facts stay as of the last good scan. GET /api/v1/drift shows the error.",
      "runbook/alerts/DRIFT_SCAN_FAILED.md");

  private final Vertx vertx;
  private final ServiceConfig.Drift config;
  private final RecoveryEngine engine;
  private final Clock clock;
  private final Consumer<Decision> decided;
  private final DriftMetrics metrics;
  private final WorkerExecutor pool;
  private final Object lock = new Object();
  private Future<DriftStatus> running;
  private Promise<DriftStatus> next;
  private String nextTrigger;
  private boolean stopped;
  private long timer = -1;
  private volatile DriftStatus status;
  private volatile Instant failingSince;

  /**
   * {@code registry} gets the drift meters (only when a contract is configured); {@code decided}
   * sees each decision a fact change caused, for the service's decision metrics.
   */
  public DriftScanner(Vertx vertx, ServiceConfig.Drift config, RecoveryEngine engine, Clock clock,
      MeterRegistry registry, Consumer<Decision> decided) {
    this.vertx = vertx;
    this.config = config;
    this.engine = engine;
    this.clock = clock;
    this.decided = decided;
    this.pool = configured() ? vertx.createSharedWorkerExecutor("healguard-drift", 1) : null;
    this.status = configured()
        ? new DriftStatus(true, config.contract().toString(), config.root().toString(),
            Durations.format(config.scanInterval()), null, null, null, null, null, null)
        : DriftStatus.notConfigured();
    this.metrics = configured() ? new DriftMetrics(registry, () -> status) : null;
  }

  public boolean configured() {
    return config.contract() != null;
  }

  public DriftStatus status() {
    return status;
  }

  /** The first scan (its facts are in before the service takes reports), then one every scan-interval. */
  public Future<Void> start() {
    if (!configured()) {
      return Future.succeededFuture();
    }
    return scan("start").<Void>mapEmpty().otherwiseEmpty().onComplete(ar -> {
      long ms = config.scanInterval().toMillis();
      synchronized (lock) {
        if (!stopped) {
          timer = vertx.setPeriodic(ms, ms, t -> scan("interval"));
        }
      }
    });
  }

  /** Runs a scan, or joins the one that will run after the current one; fails once stopped. */
  public Future<DriftStatus> scan(String trigger) {
    if (!configured()) {
      return Future.failedFuture(new IllegalStateException("drift.contract is not set: nothing to scan"));
    }
    synchronized (lock) {
      if (stopped) {
        return Future.failedFuture(new IllegalStateException("the service is stopping"));
      }
      if (running == null) {
        return launch(trigger);
      }
      if (next == null) {
        next = Promise.promise();
        nextTrigger = trigger;
      }
      return next.future();
    }
  }

  // under lock
  private Future<DriftStatus> launch(String trigger) {
    Future<DriftStatus> f = pool.executeBlocking(() -> run(trigger), false);
    running = f;
    f.onComplete(ar -> finished());
    return f;
  }

  private void finished() {
    synchronized (lock) {
      running = null;
      Promise<DriftStatus> waiting = next;
      next = null;
      if (waiting == null) {
        return;
      }
      if (stopped) {
        waiting.fail("the service is stopping");
      } else {
        launch(nextTrigger).onComplete(waiting);
      }
    }
  }

  /** No more scans; completes when the running one (if any) has finished, so the store can close. */
  public Future<Void> stop() {
    Future<DriftStatus> last;
    synchronized (lock) {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      last = running;
    }
    return last == null ? Future.succeededFuture() : last.<Void>mapEmpty().otherwiseEmpty();
  }

  public void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** The fleet alert while scans fail; cleared by the next scan that loads and checks the contract. */
  public List<DriftAlert> alerts() {
    DriftStatus.Scan last = status.lastScan();
    if (last == null || last.outcome() == DriftStatus.Outcome.OK) {
      return List.of();
    }
    String signal = last.outcome() == DriftStatus.Outcome.CONTRACT_INVALID ? CONTRACT_INVALID : SCAN_FAILED;
    return List.of(new DriftAlert(signal, "warning", failingSince, signal.equals(CONTRACT_INVALID) ? FIX_CONTRACT : CHECK_SCAN));
  }

  private DriftStatus run(String trigger) {
    Instant at = clock.instant();
    long t0 = System.nanoTime();
    ContractFile contract;
    try {
      contract = ContractFile.load(config.contract());
    } catch (RuntimeException e) {
      return failed(at, t0, trigger, DriftStatus.Outcome.CONTRACT_INVALID, e);
    }
    try {
      DriftReport report = DriftChecker.check(contract, config.root());
      List<UnitView> views = engine.views();
      Attribution who = Attribution.of(contract.contract(), report, views.stream().map(UnitView::unit).toList());
      Map<String, List<DriftFact>> held = new LinkedHashMap<>();
      views.forEach(v -> held.put(v.unit(), v.drift()));
      List<DriftStatus.Change> changes = apply(DriftReconciler.plan(who.facts(at), held));
      DriftStatus.Scan scan = new DriftStatus.Scan(at, millisSince(t0), trigger, DriftStatus.Outcome.OK, null, changes);
      if (failingSince != null) {
        LOG.info("drift scan of {} succeeded again", config.contract());
      }
      failingSince = null;
      status = new DriftStatus(true, config.contract().toString(), config.root().toString(),
          Durations.format(config.scanInterval()), scan, at, DriftStatus.counts(report.findings()),
          report.findings().stream().map(DriftStatus::finding).toList(), summaries(who),
          DriftStatus.counts(who.unattributed()));
      scanned(DriftStatus.Outcome.OK);
      if (!changes.isEmpty()) {
        LOG.info("drift scan ({}): {} findings {}, facts changed: {}", trigger, report.findings().size(),
            DriftStatus.counts(report.findings()), changes.stream()
                .map(c -> c.unit() + " " + c.kind() + " " + c.change()).toList());
      }
      return status;
    } catch (RuntimeException e) {
      return failed(at, t0, trigger, DriftStatus.Outcome.FAILED, e);
    }
  }

  private DriftStatus failed(Instant at, long t0, String trigger, DriftStatus.Outcome outcome, RuntimeException e) {
    String error = e.getMessage() == null ? e.toString() : e.getMessage();
    DriftStatus.Scan previous = status.lastScan();
    if (previous == null || previous.outcome() == DriftStatus.Outcome.OK || !error.equals(previous.error())) {
      // one line when scans start failing or fail differently, not one per interval
      LOG.warn("drift scan ({}) {}, drift facts unchanged: {}", trigger,
          outcome == DriftStatus.Outcome.CONTRACT_INVALID ? "could not load the contract" : "failed", error);
    }
    if (failingSince == null) {
      failingSince = at;
    }
    DriftStatus s = status;
    status = new DriftStatus(true, s.contract(), s.root(), s.scanInterval(),
        new DriftStatus.Scan(at, millisSince(t0), trigger, outcome, error, List.of()), s.lastSuccessAt(),
        s.counts(), s.findings(), s.units(), s.unattributed());
    scanned(outcome);
    return status;
  }

  /** Decides each planned change; answers what was sent and what the engine made of it. */
  private List<DriftStatus.Change> apply(List<DriftReconciler.Change> plan) {
    List<DriftStatus.Change> changes = new ArrayList<>();
    for (DriftReconciler.Change c : plan) {
      Decision d = engine.decide(c.input());
      decided.accept(d);
      changes.add(new DriftStatus.Change(c.unit(), c.kind(), c.type().name(), d.action().name(), d.reason()));
    }
    return changes;
  }

  private static List<DriftStatus.UnitSummary> summaries(Attribution who) {
    List<DriftStatus.UnitSummary> out = new ArrayList<>();
    who.byUnit().forEach((unit, fs) -> out.add(new DriftStatus.UnitSummary(unit, count(fs, Severity.ERROR),
        count(fs, Severity.WARNING), count(fs, Severity.INFO),
        fs.stream().filter(f -> f.severity() != Severity.INFO).map(DriftFinding::kind).distinct().sorted().toList())));
    return out;
  }

  private static long count(List<DriftFinding> fs, Severity s) {
    return fs.stream().filter(f -> f.severity() == s).count();
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private void scanned(DriftStatus.Outcome outcome) {
    metrics.scanned(outcome);
  }
}
