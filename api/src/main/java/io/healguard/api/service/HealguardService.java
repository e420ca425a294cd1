package io.healguard.api.service;

import io.healguard.api.alerting.AlertPayloads;
import io.healguard.api.alerting.AlertPusher;
import io.healguard.api.alerting.Alerting;
import io.healguard.api.alerting.WebhookIntake;
import io.healguard.api.alerts.Alerts;
import io.healguard.api.auth.Tokens;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.decide.Decisions;
import io.healguard.api.drift.DriftScanner;
import io.healguard.api.exec.RestartExecutor;
import io.healguard.api.exec.UnitStateProbe;
import io.healguard.api.http.ApiDeps;
import io.healguard.api.http.ApiRouter;
import io.healguard.api.http.HttpVerticle;
import io.healguard.api.metrics.ServiceMetrics;
import io.healguard.api.recheck.Recheck;
import io.healguard.api.replica.PolicySync;
import io.healguard.engine.Healguard;
import io.healguard.engine.json.Durations;
import io.healguard.engine.decision.Action;
import io.healguard.engine.rules.ShadowPolicy;
import io.healguard.engine.rules.ShadowRecorder;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service assembled and running: store and policy (watched, or synced with the other
 * replicas on a shared store), the decision and read worker pools, the executor, one HTTP
 * verticle per core sharing one engine, the timers ({@link ServiceTimers}: hold expiry, rechecks of
 * failed units, policy sync, audit retention), and the Alertmanager push (its own threads;
 * decisions only wake it). Opening store and policy is {@link ServiceStore}.
 * {@code serve} and the integration tests both start it through {@link #start}, so tests run the
 * production wiring. This is the one place that builds collaborators: each gets what it needs
 * (store, clock, pools) from here, never by reaching through another.
 *
 * <p>Time comes from the clock given to {@link #start}: {@code serve} passes the system clock,
 * tests a clock they move by hand. The timers fire on real time and ask that clock what time it is.
 */
public final class HealguardService {
  private static final Logger LOG = LoggerFactory.getLogger(HealguardService.class);
  /**
   * Decisions block until their group commit is durable; this many can wait at once, which is
   * what lets the store batch many of them into one disk sync.
   */
  static final int DECISION_THREADS = 64;
  static final int READ_THREADS = 8;
  /** Disagreements kept for {@code GET /api/v1/policy/shadow}, and at most one log line per interval. */
  static final int SHADOW_EXAMPLES = 20;
  static final Duration SHADOW_LOG_EVERY = Duration.ofSeconds(10);
  /** How long a stop waits for decisions already taken to be answered before it closes the store. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final ServiceConfig config;
  private final Healguard healguard;
  private final Clock clock;
  private final RestartExecutor executor;
  private final Decisions decisions;
  private final WorkerExecutor decidePool;
  private final WorkerExecutor readPool;
  private final ApiRouter api;
  private final DriftScanner drift;
  private final PolicySync sync;
  private final AuditRetention retention;
  private final AlertPusher pusher;
  private final UnitStateProbe probe;
  private final Recheck recheck;
  private final ServiceTimers timers;
  private String deploymentId;

  private HealguardService(Vertx vertx, ServiceConfig config, Healguard healguard, Clock clock, PolicySync sync) {
    this.vertx = vertx;
    this.config = config;
    this.healguard = healguard;
    this.clock = clock;
    this.sync = sync;
    this.retention = new AuditRetention(healguard.store(), clock, config.auditRetention());
    this.executor = new RestartExecutor(config.executor().mode(), config.executor().command(),
        config.executor().timeout(), clock);
    this.decidePool = vertx.createSharedWorkerExecutor("healguard-decide", DECISION_THREADS);
    this.readPool = vertx.createSharedWorkerExecutor("healguard-read", READ_THREADS);
    ServiceMetrics metrics = new ServiceMetrics(healguard);
    startShadow(config, healguard, clock, metrics);
    this.decisions = new Decisions(vertx, healguard.engine(), decidePool, executor, metrics, clock);
    this.probe = new UnitStateProbe(config.executor().mode(), config.executor().timeout());
    this.recheck = new Recheck(healguard.engine()::views, healguard.engine()::view, probe,
        r -> decisions.reports(List.of(r)).map(l -> l.get(0)).toCompletionStage(), clock,
        config.executor().recheckInterval(), metrics.registry());
    this.timers = new ServiceTimers(vertx);
    Alerts alerts = new Alerts(healguard.engine(), healguard.store(), healguard.policy());
    metrics.alertsFrom(alerts::active);
    if (executor.executes()) {
      metrics.executorMode(config.executor().mode().label());
    }
    this.drift = new DriftScanner(vertx, config.drift(), healguard.engine(), clock, metrics.registry(), metrics::decision);
    if (drift.configured()) {
      // a unit that could not even exec (203, a missing interpreter): look for the drift now, not at the next interval
      decisions.onRuntimeBroken(unit -> drift.scan("cause:" + unit));
    }
    alerts.addSource(() -> drift.alerts().stream()
        .map(a -> new Alerts.Alert(Alerts.FLEET, a.signal(), a.severity(), a.since(), a.recommendation())).toList());
    this.pusher = startPusher(config, healguard, alerts, clock, metrics);
    this.api = new ApiRouter(new ApiDeps(healguard, decisions, alerts,
        metrics, new Tokens(config.tokens()), executor, readPool, drift, sync, clock,
        new Alerting(config.alerting(), pusher,
            new WebhookIntake(config.alerting().webhook(), clock, metrics.registry()))));
  }

  /** The Alertmanager push, woken by every decision; null when no Alertmanager is configured. */
  private static AlertPusher startPusher(ServiceConfig config, Healguard hg, Alerts alerts, Clock clock,
      ServiceMetrics metrics) {
    if (config.alerting().alertmanagers().isEmpty()) {
      return null;
    }
    String hostPort = config.http().host() + ":" + config.http().port();
    AlertPayloads payloads = new AlertPayloads(config.alerting(), instanceName(config),
        URI.create("http://" + hostPort), hg.engine()::view);
    AlertPusher p = new AlertPusher(config.alerting(), alerts::active, payloads, clock, metrics.registry());
    metrics.afterDecision(p::wake);
    return p;
  }

  /** The {@code instance} label: this host's name and the port, as Prometheus names a target. */
  private static String instanceName(ServiceConfig config) {
    try {
      return java.net.InetAddress.getLocalHost().getHostName() + ":" + config.http().port();
    } catch (java.net.UnknownHostException e) {
      return config.http().host() + ":" + config.http().port();
    }
  }

  /** Shadow mode: the candidate is compiled (a rejection is reported, not fatal) and watched like the policy. */
  private static void startShadow(ServiceConfig config, Healguard hg, Clock clock, ServiceMetrics metrics) {
    if (config.policy().shadowTables() == null) {
      return;
    }
    ShadowPolicy candidate = new ShadowPolicy(config.policy().shadowTables(), clock);
    if (!config.policy().watchInterval().isZero()) {
      candidate.watch(config.policy().watchInterval());
    }
    hg.shadow(candidate, new ShadowRecorder(clock, SHADOW_EXAMPLES, SHADOW_LOG_EVERY,
        new ShadowRecorder.Metrics() {
          @Override public void compared() {
            metrics.shadowCompared();
          }

          @Override public void disagreed(Action live, Action shadow) {
            metrics.shadowDisagreement(live, shadow);
          }
        }));
  }

  /**
   * Opens store and policy off the event loop, then deploys the HTTP verticles and timers.
   *
   * @param clock what every decision, audit event, hold and cooldown is timed by
   */
  public static Future<HealguardService> start(Vertx vertx, ServiceConfig config, Clock clock) {
    return vertx.executeBlocking(() -> open(config, clock)).compose(s -> s.deploy().recover(e -> {
      s.closeQuietly();
      return Future.failedFuture(e);
    }));
  }

  /** As {@link #start(Vertx, ServiceConfig, Clock)} on the system clock. */
  public static Future<HealguardService> start(Vertx vertx, ServiceConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  private static HealguardService open(ServiceConfig cfg, Clock clock) {
    ServiceStore opened = ServiceStore.open(cfg, clock);
    return new HealguardService(Vertx.currentContext().owner(), opened.config(), opened.healguard(), clock,
        opened.sync());
  }

  private Future<HealguardService> deploy() {
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    // the first drift scan's facts are in before the first report can be decided
    return drift.start().compose(v -> vertx.deployVerticle(
            () -> new HttpVerticle(api, config.http()),
            new DeploymentOptions().setInstances(instances)))
        .map(id -> {
          deploymentId = id;
          timers.sweeps(config.holdSweepInterval(), decidePool, readPool, healguard.engine(), recheck);
          if (sync != null) {
            timers.policySync(config.policy().syncInterval(), readPool, sync);
          }
          if (pusher != null) {
            pusher.start();
          }
          if (retention.enabled()) {
            timers.auditRetention(this::purgeAudit);
          }
          LOG.info("healguard listening on http://{}:{} (policy {}, store {})", config.http().host(),
              config.http().port(), healguard.policy().current().shortVersion(), healguard.store().describe());
          return this;
        });
  }

  public ServiceConfig config() {
    return config;
  }

  /** The clock the service decides by. */
  public Clock clock() {
    return clock;
  }

  public Healguard healguard() {
    return healguard;
  }

  public ApiRouter api() {
    return api;
  }

  /** The policy sync of a replica on a shared store, or null with the embedded store. */
  public PolicySync policySync() {
    return sync;
  }

  /** Runs the audit retention purge now, on a worker; the count of deleted events (0 when retention is off). */
  public Future<Long> purgeAudit() {
    return readPool.executeBlocking(retention::purgeNow, false);
  }

  /**
   * Stops like a daemon: the timers stop, a new report or override is refused (503, nothing
   * changed), a running drift scan finishes, the decisions already taken are answered (up to
   * {@link #DRAIN_TIMEOUT}), the HTTP servers close, then executor, pools, policy watch and store
   * close (the store drains its commits). The last log line says the store is closed. A decision
   * not answered by then fails on the closed store: never acknowledged, so never lost.
   */
  public Future<Void> stop() {
    timers.cancel();
    if (pusher != null) {
      // no more reads of the store for alerts; Alertmanager ends what was sent by its endsAt
      pusher.close();
    }
    // from here a new report or override is answered 503 and changes nothing
    decisions.stopTaking();
    // a running drift scan decides through the store: let it finish before the store closes
    return drift.stop()
        .eventually(() -> decisions.drained(vertx, DRAIN_TIMEOUT).onSuccess(left -> {
          if (left > 0) {
            LOG.warn("stopping with {} decisions still running after {}: they fail on the closed store", left,
                Durations.format(DRAIN_TIMEOUT));
          }
        }))
        // the answers of the drained decisions are written; now the servers close their connections
        .eventually(() -> deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId))
        .eventually(() -> vertx.executeBlocking(() -> {
          closeQuietly();
          return null;
        })).mapEmpty();
  }

  private void closeQuietly() {
    if (pusher != null) {
      pusher.close();
    }
    drift.stop();
    drift.close();
    executor.close();
    probe.close();
    decidePool.close();
    if (sync != null) {
      sync.stop(); // a step the cancelled timer already started ends before the store closes
    }
    readPool.close();
    healguard.close();
    LOG.info("healguard stopped; store {} closed", healguard.store().describe());
  }
}
