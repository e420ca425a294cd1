package io.healguard.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.Reports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads report the same crash-looping unit at once while the clock runs on: the unit's
 * decisions are serialized, so the restarts permitted never exceed what the policy allows in any
 * window, and every permitted restart is in the durable audit.
 */
class ConcurrencyTest {
  static PolicySnapshot policy;
  @TempDir Path data;

  @BeforeAll
  static void compile() {
    policy = new PolicyCompiler(java.time.Clock.systemUTC()).compile(Fixtures.bundledTables());
  }

  @Test
  void shouldNeverPermitMoreRestartsThanThePolicyUnderConcurrentReports() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    StateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL);
    RecoveryEngine engine = new RecoveryEngine(() -> policy, store, clock, SafetyEnvelope.DEFAULT, List.of());
    int threads = 16;
    int perThread = 400;
    List<Instant> restarts = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          // the clock moves on while reports race: cooldowns end, windows slide
          if (ThreadLocalRandom.current().nextInt(8) == 0) clock.advance(Duration.ofSeconds(3));
          Decision d = engine.decide(Reports.down("api.service"));
          if (d.action() == Action.RESTART) restarts.add(d.at());
          if (ThreadLocalRandom.current().nextInt(50) == 0) engine.decide(Reports.up("api.service"));
        }
        return null;
      }));
    }

    start.countDown();
    for (Future<?> f : futures) f.get();
    pool.shutdown();

    List<Instant> sorted = restarts.stream().sorted().toList();
    assertThat(sorted).as("the crash loop restarted at all").isNotEmpty();
    Duration window = policy.thresholds(io.healguard.engine.health.Tier.STANDARD).window();
    for (Instant r : sorted) {
      long inWindow = sorted.stream().filter(x -> x.isAfter(r.minus(window)) && !x.isAfter(r)).count();
      assertThat(inWindow).as("restarts in the window ending %s", r).isLessThanOrEqualTo(3);
    }
    long audited = store.audit(new AuditQuery("api.service", AuditType.RESTART, null, 1000)).size();
    assertThat(audited).isEqualTo(restarts.size());
  }

  @Test
  void shouldDecideDifferentUnitsInParallelWithoutLosingAnyState() throws Exception {
    MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    StateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL);
    RecoveryEngine engine = new RecoveryEngine(() -> policy, store, clock, SafetyEnvelope.DEFAULT, List.of());
    int units = 40;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      String unit = "svc-" + u + ".service";
      // two DOWNs per unit, from different threads: each unit must end with a counter of 2
      futures.add(pool.submit(() -> engine.decide(Reports.down(unit))));
      futures.add(pool.submit(() -> engine.decide(Reports.down(unit))));
    }

    for (Future<?> f : futures) f.get();
    pool.shutdown();
    store.close();

    StateStore reopened = LocalStateStore.sqlite(data, SyncMode.NORMAL);
    assertThat(reopened.units()).hasSize(units).allSatisfy(s -> assertThat(s.downCount()).isEqualTo(2));
  }
}
