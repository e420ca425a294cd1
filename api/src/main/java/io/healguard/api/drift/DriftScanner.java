package io.healguard.api.drift;

import io.healguard.api.config.ServiceConfig;
import io.healguard.api.alerts.Alerts;
import io.healguard.api.metrics.ServiceMetrics;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.DriftChecker;
import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.DriftReport;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.json.Durations;
import io.healguard.engine.policy.Decision;
import io.healguard.engine.policy.DriftFact;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.Recommendation;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.UnitView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the drift check of {@code drift.contract} against {@code drift.root} and makes the engine's
 * drift facts equal to its findings: a fact for each new or changed finding kind of a unit, a clear
 * for each kind no longer found (of any unit: the scan is the service's only source of drift
 * facts). It compares against the facts the engine holds, so an unchanged host sends nothing and
 * a unit's last decision is left alone.
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
  private final ServiceMetrics metrics;
  private final WorkerExecutor pool;
  private final Object lock = new Object();
  private Future<DriftStatus> running;
  private Promise<DriftStatus> next;
  private String nextTrigger;
  private boolean stopped;
  private long timer = -1;
  private volatile DriftStatus status;
  private volatile Instant failingSince;

  public DriftScanner(Vertx vertx, ServiceConfig.Drift config, RecoveryEngine engine, ServiceMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.engine = engine;
    this.metrics = metrics;
    this.pool = configured() ? vertx.createSharedWorkerExecutor("healguard-drift", 1) : null;
    this.status = configured()
        ? new DriftStatus(true, config.contract().toString(), config.root().toString(),
            Durations.format(config.scanInterval()), null, null, null, null, null, null)
        : DriftStatus.notConfigured();
    if (configured()) {
      register(metrics.registry());
    }
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
  public List<Alerts.Alert> alerts() {
    DriftStatus.Scan last = status.lastScan();
    if (last == null || last.outcome() == DriftStatus.Outcome.OK) {
      return List.of();
    }
    String signal = last.outcome() == DriftStatus.Outcome.CONTRACT_INVALID ? CONTRACT_INVALID : SCAN_FAILED;
    return List.of(new Alerts.Alert(Alerts.FLEET, signal, "warning", failingSince,
        signal.equals(CONTRACT_INVALID) ? FIX_CONTRACT : CHECK_SCAN));
  }

  private DriftStatus run(String trigger) {
    Instant at = engine.clock().instant();
    long t0 = System.nanoTime();
    Contract contract;
    try {
      contract = Contract.load(config.contract());
    } catch (RuntimeException e) {
      return failed(at, t0, trigger, DriftStatus.Outcome.CONTRACT_INVALID, e);
    }
    try {
      DriftReport report = DriftChecker.check(contract, config.root());
      Attribution who = Attribution.of(contract, report, engine.views().stream().map(UnitView::unit).toList());
      List<DriftStatus.Change> changes = reconcile(who.facts(at));
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

  /** Sends what differs between the scan's facts and the engine's; answers what it sent. */
  private List<DriftStatus.Change> reconcile(Map<String, Map<String, DriftFact>> desired) {
    Set<String> scope = new TreeSet<>(desired.keySet());
    for (UnitView v : engine.views()) {
      if (!v.drift().isEmpty()) scope.add(v.unit());
    }
    List<DriftStatus.Change> changes = new ArrayList<>();
    for (String unit : scope) {
      List<DriftFact> held = engine.view(unit).map(UnitView::drift).orElse(List.of());
      Map<String, DriftFact> want = desired.getOrDefault(unit, Map.of());
      for (DriftFact fact : want.values()) {
        Optional<DriftFact> same = held.stream().filter(h -> h.kind().equals(fact.kind())).findFirst();
        if (same.isPresent() && same.get().sameFinding(fact)) {
          continue;
        }
        // a changed detail of the same kind is the same problem: it keeps its first "since"
        DriftFact sent = same.map(h -> new DriftFact(fact.kind(), fact.severity(), fact.detail(), h.since())).orElse(fact);
        changes.add(change(unit, fact.kind(), same.isPresent() ? "UPDATED" : "ADDED", new Input.Drift(unit, sent)));
      }
      for (DriftFact h : held) {
        if (!want.containsKey(h.kind())) {
          changes.add(change(unit, h.kind(), "CLEARED", new Input.DriftClear(unit, h.kind())));
        }
      }
    }
    return changes;
  }

  private DriftStatus.Change change(String unit, String kind, String change, Input in) {
    Decision d = engine.decide(in);
    metrics.decision(d);
    return new DriftStatus.Change(unit, kind, change, d.action().name(), d.reason());
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
    Counter.builder("healguard.drift.scans").description("Drift scans by outcome")
        .tag("outcome", outcome.name()).register(metrics.registry()).increment();
  }

  private void register(MeterRegistry registry) {
    Gauge.builder("healguard.drift.last.scan.timestamp.seconds", this,
            s -> s.status.lastScan() == null ? 0 : s.status.lastScan().at().toEpochMilli() / 1000.0)
        .description("When the last drift scan started (0: none yet)").register(registry);
    Gauge.builder("healguard.drift.last.scan.success", this,
            s -> s.status.lastScan() != null && s.status.lastScan().outcome() == DriftStatus.Outcome.OK ? 1 : 0)
        .description("1 when the last drift scan loaded the contract and checked the host").register(registry);
    Gauge.builder("healguard.drift.last.scan.duration.seconds", this,
            s -> s.status.lastScan() == null ? 0 : s.status.lastScan().durationMs() / 1000.0)
        .description("How long the last drift scan took").register(registry);
    for (Severity sev : Severity.values()) {
      Gauge.builder("healguard.drift.findings", this,
              s -> s.status.counts() == null ? 0 : s.status.counts().getOrDefault(sev.id(), 0L))
          .tag("severity", sev.id())
          .description("Findings of the last successful drift scan, by severity").register(registry);
    }
  }
}
