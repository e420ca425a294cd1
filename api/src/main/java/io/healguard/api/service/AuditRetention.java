package io.healguard.api.service;

import io.healguard.engine.json.Durations;
import io.healguard.engine.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit retention: deletes audit events older than {@code audit.retention}, once at start-up and
 * then daily (the service schedules it on a worker, never on an event loop). One log line per run
 * with the count. Unit and fleet state are never touched; on a shared store every replica purges
 * and the later ones find nothing left to delete.
 */
public final class AuditRetention {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);
  public static final Duration EVERY = Duration.ofDays(1);

  private final StateStore store;
  private final Clock clock;
  private final Duration retention;

  public AuditRetention(StateStore store, Clock clock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  public boolean enabled() {
    return !retention.isZero();
  }

  /** Deletes what is older than the retention now; returns how many events went (0 when disabled). */
  public long purgeNow() {
    if (!enabled()) {
      return 0;
    }
    Instant cutoff = clock.instant().minus(retention);
    long started = System.nanoTime();
    long n = store.purgeAuditOlderThan(cutoff);
    LOG.info("audit retention {}: purged {} events older than {} in {} ms", Durations.format(retention), n, cutoff,
        (System.nanoTime() - started) / 1_000_000);
    return n;
  }
}
