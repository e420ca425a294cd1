package io.healguard.api.replica;

import io.healguard.engine.rules.PolicyBundle;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.ReloadOutcome;
import io.healguard.engine.store.PolicyActivation;
import io.healguard.engine.store.PolicyRegistry;
import io.healguard.engine.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one policy version in force on every replica of a shared store. The store is the source
 * of truth: a replica publishes a version only when an operator activated it on that replica
 * (reload or rollback through the API), and otherwise adopts whatever the store names.
 *
 * <ul>
 *   <li>Publish: an explicit reload or rollback that leaves a version in force other than the
 *       store's records it, with its tables (zip), as the shared version. A failed write is kept
 *       pending and retried at every poll; while it is pending the replica never adopts, so an
 *       operator's reload is not undone by the version it replaced.
 *   <li>Adopt: every poll reads the shared version; when it differs from the one in force, its
 *       tables go through the gate ({@link PolicyManager#adopt}) and are audited as
 *       POLICY_ACTIVATED by {@code sync:<version>}. A rejected shared version is tried once, then
 *       left (alert POLICY_REJECTED) until the store names another.
 *   <li>The file watch is off on a replica (HealguardService): a file edit on one host never
 *       reaches the store by itself, so two replicas with different files cannot take turns.
 * </ul>
 *
 * <p>Every step runs inside {@link PolicyManager#serialized}, the lock reloads take, so no
 * reload can activate between reading the store and acting on it.
 */
public final class PolicySync {
  private static final Logger LOG = LoggerFactory.getLogger(PolicySync.class);
  public static final String ACTOR_PREFIX = "sync:";

  private final PolicyManager policy;
  private final PolicyRegistry registry;
  private final Clock clock;
  private final String replica;
  private volatile String pendingPublish; // version activated here and not yet in the store
  private volatile String pendingActor;
  private volatile String rejectedShared; // shared version this replica's gate refused
  private volatile String sharedVersion;
  private volatile Instant lastSyncAt;
  private volatile String problem;
  private volatile boolean stopped;

  public PolicySync(PolicyManager policy, PolicyRegistry registry, Clock clock, String replica) {
    this.policy = policy;
    this.registry = registry;
    this.clock = clock;
    this.replica = replica;
    policy.addListener(this::onLocalOutcome);
  }

  /** An explicit activation on this replica becomes the shared version (listeners run inside the manager's lock). */
  private void onLocalOutcome(ReloadOutcome o) {
    if (o.rejected() || o.actor() == null || o.actor().startsWith(ACTOR_PREFIX) || "file-watch".equals(o.actor())) {
      return;
    }
    pendingPublish = policy.current().version();
    pendingActor = o.actor();
    publishPending();
  }

  /**
   * One sync step: publish what is pending, else adopt the shared version when it differs.
   * Start-up calls it once before the service listens; then the service every sync interval.
   * Never throws: a store that cannot be read is logged once per outage and tried again.
   */
  public void syncOnce() {
    policy.serialized(() -> {
      if (stopped) {
        return null;
      }
      try {
        if (pendingPublish != null) {
          publishPending();
          return null;
        }
        Optional<String> shared = registry.activePolicyVersion();
        lastSyncAt = clock.instant();
        sharedVersion = shared.orElse(null);
        recovered();
        PolicySnapshot mine = policy.current();
        if (shared.isEmpty()) {
          // the first replica on a fresh store: its start-up version becomes the shared one
          pendingPublish = mine.version();
          pendingActor = "startup:" + replica;
          publishPending();
          return null;
        }
        String v = shared.get();
        if (v.equals(mine.version())) {
          rejectedShared = null;
          return null;
        }
        if (v.equals(rejectedShared)) {
          return null;
        }
        adopt(v);
      } catch (StoreUnavailableException e) {
        failed(e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("policy sync failed", e);
        failed(e.toString());
      }
      return null;
    });
  }

  /**
   * No sync step runs after this returns: it waits for a running one (they hold the same lock),
   * so a replica that is stopping does not adopt a version, and audit it, on a store closing under it.
   */
  public void stop() {
    policy.serialized(() -> {
      stopped = true;
      return null;
    });
  }

  private void adopt(String v) {
    PolicyActivation a = registry.activePolicy().orElse(null);
    if (a == null || !a.version().equals(v)) {
      return; // changed between the two reads: the next poll sees the newer one
    }
    LOG.info("shared policy {} (recorded {} by {}) differs from {} in force here: adopting it",
        shortOf(v), a.activatedAt(), a.actor(), policy.current().shortVersion());
    ReloadOutcome o = policy.adopt(v, a.tables(), ACTOR_PREFIX + v);
    rejectedShared = o.rejected() ? v : null;
  }

  private void publishPending() {
    String v = pendingPublish;
    if (v == null) {
      return;
    }
    PolicySnapshot p = policy.current();
    if (!p.version().equals(v)) {
      pendingPublish = null; // replaced since: the newer activation published (or will publish) itself
      return;
    }
    try {
      if (!registry.activePolicyVersion().map(v::equals).orElse(false)) {
        registry.recordPolicyActivation(v, clock.instant(), pendingActor, PolicyBundle.zip(p));
        LOG.info("policy {} published as the shared version by {}", p.shortVersion(), pendingActor);
      }
      sharedVersion = v;
      lastSyncAt = clock.instant();
      pendingPublish = null;
      rejectedShared = null;
      recovered();
    } catch (StoreUnavailableException e) {
      failed("publishing policy " + p.shortVersion() + " is pending: " + e.getMessage());
    }
  }

  private void failed(String why) {
    if (problem == null) {
      LOG.warn("policy sync: {}; the policy in force keeps deciding, retrying every poll", why);
    }
    problem = why;
  }

  private void recovered() {
    if (problem != null) {
      LOG.info("policy sync works again");
      problem = null;
    }
  }

  /** For {@code GET /api/v1/policy}: the shared version as last seen, and what is pending or wrong. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sharedVersion", sharedVersion);
    m.put("inSync", sharedVersion != null && sharedVersion.equals(policy.current().version()));
    m.put("lastSyncAt", lastSyncAt);
    m.put("pendingPublish", pendingPublish);
    m.put("rejectedSharedVersion", rejectedShared);
    m.put("problem", problem);
    return m;
  }

  /** The shared version this replica refused, or null. */
  public String rejectedShared() {
    return rejectedShared;
  }

  private static String shortOf(String v) {
    return v == null || v.length() <= 12 ? v : v.substring(0, 12);
  }
}
