package io.healguard.api.service;

import io.healguard.api.auth.AdminTokenFile;
import io.healguard.api.auth.Tokens;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.drift.DriftScanner;
import io.healguard.api.exec.RestartExecutor;
import io.healguard.api.http.ApiDeps;
import io.healguard.api.http.ApiRouter;
import io.healguard.api.http.HttpVerticle;
import io.healguard.engine.Healguard;
import io.healguard.engine.policy.Action;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyArchive;
import io.healguard.engine.rules.ShadowPolicy;
import io.healguard.engine.rules.ShadowRecorder;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.PolicyRegistry;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.store.StateStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service assembled and running: store and policy (watched, or synced with the other
 * replicas on a shared store), the decision and read worker pools, the executor, one HTTP
 * verticle per core sharing one engine, and the hold-expiry, policy-sync and audit-retention timers.
 * {@code serve} and the integration tests both start it through {@link #start}, so tests run the
 * production wiring.
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
  static final java.time.Duration SHADOW_LOG_EVERY = java.time.Duration.ofSeconds(10);

  private final Vertx vertx;
  private final ServiceConfig config;
  private final Healguard healguard;
  private final RestartExecutor executor;
  private final WorkerExecutor decidePool;
  private final WorkerExecutor readPool;
  private final ApiRouter api;
  private final DriftScanner drift;
  private final PolicySync sync;
  private final AuditRetention retention;
  private long sweepTimer = -1;
  private long syncTimer = -1;
  private long retentionTimer = -1;
  private String deploymentId;

  private HealguardService(Vertx vertx, ServiceConfig config, Healguard healguard, PolicySync sync) {
    this.vertx = vertx;
    this.config = config;
    this.healguard = healguard;
    this.sync = sync;
    Clock clock = healguard.engine().clock();
    this.retention = new AuditRetention(healguard.store(), clock, config.auditRetention());
    this.executor = new RestartExecutor(config.executor().mode(), config.executor().command(),
        config.executor().timeout(), clock);
    this.decidePool = vertx.createSharedWorkerExecutor("healguard-decide", DECISION_THREADS);
    this.readPool = vertx.createSharedWorkerExecutor("healguard-read", READ_THREADS);
    ServiceMetrics metrics = new ServiceMetrics(healguard.engine(), healguard.policy());
    startShadow(config, healguard, metrics);
    Decisions decisions = new Decisions(vertx, healguard.engine(), decidePool, executor, metrics);
    Alerts alerts = new Alerts(healguard.engine(), healguard.policy(), sync);
    this.drift = new DriftScanner(vertx, config.drift(), healguard.engine(), clock, metrics.registry(), metrics::decision);
    alerts.addSource(() -> drift.alerts().stream()
        .map(a -> new Alerts.Alert(Alerts.FLEET, a.signal(), a.severity(), a.since(), a.recommendation())).toList());
    this.api = new ApiRouter(new ApiDeps(healguard, decisions, alerts,
        metrics, new Tokens(config.tokens()), executor, readPool, drift, sync));
  }

  /** Shadow mode: the candidate is compiled (a rejection is reported, not fatal) and watched like the policy. */
  private static void startShadow(ServiceConfig config, Healguard hg, ServiceMetrics metrics) {
    if (config.policy().shadowTables() == null) {
      return;
    }
    ShadowPolicy candidate = new ShadowPolicy(config.policy().shadowTables(), hg.engine().clock());
    if (!config.policy().watchInterval().isZero()) {
      candidate.watch(config.policy().watchInterval());
    }
    hg.shadow(candidate, new ShadowRecorder(hg.engine().clock(), SHADOW_EXAMPLES, SHADOW_LOG_EVERY,
        new ShadowRecorder.Metrics() {
          @Override public void compared() {
            metrics.shadowCompared();
          }

          @Override public void disagreed(Action live, Action shadow) {
            metrics.shadowDisagreement(live, shadow);
          }
        }));
  }

  /** Opens store and policy off the event loop, then deploys the HTTP verticles and timers. */
  public static Future<HealguardService> start(Vertx vertx, ServiceConfig config) {
    return vertx.executeBlocking(() -> open(config)).compose(s -> s.deploy().recover(e -> {
      s.closeQuietly();
      return Future.failedFuture(e);
    }));
  }

  private static HealguardService open(ServiceConfig cfg) {
    if (cfg.tokens().isEmpty()) {
      cfg = cfg.withTokens(List.of(AdminTokenFile.ensure(cfg.dataDir())));
      LOG.info("no auth.tokens configured: the admin token is in {}", cfg.dataDir().resolve(AdminTokenFile.FILE_NAME));
    }
    StateStore store = cfg.storeUrl() == null
        ? LocalStateStore.sqlite(cfg.dataDir(), cfg.storeSync())
        : PostgresStateStore.open(cfg.storeUrl());
    Healguard hg;
    try {
      hg = Healguard.open(cfg.policy().tablesDir(), store, Clock.systemUTC(),
          new SafetyEnvelope(cfg.maxRestartsPerHour()), cfg.units(), new PolicyArchive(cfg.dataDir().resolve("policies")));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    PolicySync sync = null;
    if (hg.store() instanceof PolicyRegistry registry) {
      // replica mode: the store names the version in force; the tables directory is read at
      // start-up and on an explicit reload only, so differing files on two hosts cannot take turns
      if (!cfg.policy().watchInterval().isZero()) {
        LOG.info("policy.watch-interval is not used with store.url: the shared version decides; "
            + "publish edits of {} with POST /api/v1/policy/reload", cfg.policy().tablesDir());
      }
      sync = new PolicySync(hg.policy(), registry, hg.engine().clock(), cfg.http().host() + ":" + cfg.http().port());
      sync.syncOnce();
    } else if (!cfg.policy().watchInterval().isZero()) {
      hg.policy().watch(cfg.policy().watchInterval());
    }
    return new HealguardService(Vertx.currentContext().owner(), cfg, hg, sync);
  }

  private Future<HealguardService> deploy() {
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    // the first drift scan's facts are in before the first report can be decided
    return drift.start().compose(v -> vertx.deployVerticle(
            () -> new HttpVerticle(api, config.http().host(), config.http().port()),
            new DeploymentOptions().setInstances(instances)))
        .map(id -> {
          deploymentId = id;
          long ms = config.holdSweepInterval().toMillis();
          sweepTimer = vertx.setPeriodic(ms, ms, t -> decidePool.executeBlocking(healguard.engine()::expireHolds, false)
              .onFailure(e -> LOG.warn("hold expiry sweep failed: {}", e.toString())));
          if (sync != null) {
            long every = config.policy().syncInterval().toMillis();
            // ordered: a slow poll is not overtaken by the next one
            syncTimer = vertx.setPeriodic(every, every, t -> readPool.executeBlocking(() -> {
              sync.syncOnce();
              return null;
            }, true));
          }
          if (retention.enabled()) {
            // the first purge soon after start-up, then daily
            retentionTimer = vertx.setPeriodic(1000, AuditRetention.EVERY.toMillis(), t -> purgeAudit()
                .onFailure(e -> LOG.warn("audit retention purge failed: {}", e.toString())));
          }
          LOG.info("healguard listening on http://{}:{} (policy {}, store {})", config.http().host(),
              config.http().port(), healguard.policy().current().shortVersion(), healguard.store().describe());
          return this;
        });
  }

  public ServiceConfig config() {
    return config;
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

  /** Stops taking requests, then closes executor, policy watch and store (which drains its commits). */
  public Future<Void> stop() {
    for (long t : new long[] {sweepTimer, syncTimer, retentionTimer}) {
      if (t >= 0) {
        vertx.cancelTimer(t);
      }
    }
    Future<Void> undeployed = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    // a running drift scan decides through the store: let it finish before the store closes
    undeployed = undeployed.eventually(drift::stop);
    return undeployed.eventually(() -> vertx.executeBlocking(() -> {
      closeQuietly();
      return null;
    })).mapEmpty();
  }

  private void closeQuietly() {
    drift.stop();
    drift.close();
    executor.close();
    decidePool.close();
    readPool.close();
    healguard.close();
    LOG.info("healguard stopped; store {} closed", healguard.store().describe());
  }
}
