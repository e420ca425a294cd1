package io.healguard.api.service;

import io.healguard.api.auth.AdminTokenFile;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.replica.PolicySync;
import io.healguard.engine.Healguard;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyArchive;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.PolicyRegistry;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.store.StateStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first, blocking part of a start: the admin token if none is configured, the store (embedded
 * or shared), the engine with its policy, and the policy's source of truth: the watched tables
 * directory, or on a shared store the version the store names (a replica's {@link PolicySync}).
 *
 * @param config the configuration, with the admin token added when it had none
 * @param sync the replica's policy sync on a shared store, else null
 */
record ServiceStore(ServiceConfig config, Healguard healguard, PolicySync sync) {
  // the service's logger: these lines kept their logger name when opening moved here
  private static final Logger LOG = LoggerFactory.getLogger(HealguardService.class);

  static ServiceStore open(ServiceConfig cfg, Clock clock) {
    if (cfg.tokens().isEmpty()) {
      cfg = cfg.withTokens(List.of(AdminTokenFile.ensure(cfg.dataDir())));
      LOG.info("no auth.tokens configured: the admin token is in {}", cfg.dataDir().resolve(AdminTokenFile.FILE_NAME));
    }
    StateStore store = cfg.storeUrl() == null
        ? LocalStateStore.sqlite(cfg.dataDir(), cfg.storeSync(), LocalStateStore.DEFAULT_REPORT_FLUSH)
        : PostgresStateStore.open(cfg.storeUrl());
    Healguard hg;
    try {
      hg = Healguard.open(cfg.policy().tablesDir(), store, clock,
          new SafetyEnvelope(cfg.maxRestartsPerHour()), cfg.units(), new PolicyArchive(cfg.dataDir().resolve("policies")));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    PolicySync sync = null;
    if (store instanceof PolicyRegistry registry) {
      // replica mode: the store names the version in force; the tables directory is read at
      // start-up and on an explicit reload only, so differing files on two hosts cannot take turns
      if (!cfg.policy().watchInterval().isZero()) {
        LOG.info("policy.watch-interval is not used with store.url: the shared version decides; "
            + "publish edits of {} with POST /api/v1/policy/reload", cfg.policy().tablesDir());
      }
      sync = new PolicySync(hg.policy(), registry, clock, cfg.http().host() + ":" + cfg.http().port());
      sync.syncOnce();
    } else if (!cfg.policy().watchInterval().isZero()) {
      hg.policy().watch(cfg.policy().watchInterval());
    }
    return new ServiceStore(cfg, hg, sync);
  }
}
