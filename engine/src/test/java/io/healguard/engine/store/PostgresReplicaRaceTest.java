package io.healguard.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PgTestDatabase;
import io.healguard.engine.testing.Reports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (two engines, each with its own {@link PostgresStateStore} on one schema) and many
 * threads send DOWNs for the same steady units at once: each replica's first DOWN of a round
 * follows a report that wrote nothing, so it reads the unit without a lock (the fast path) and
 * races the other replica's locked decisions. However the race goes, a restart is granted only
 * on the state the other replica left, never twice on one: within a round (one instant, so one
 * restart before the cooldown) at most one restart per unit, and the acknowledged restarts are
 * exactly the audited ones.
 */
class PostgresReplicaRaceTest {
  static PgTestDatabase.Schema schema;

  @BeforeAll
  static void createSchema() {
    schema = PgTestDatabase.newSchema("hg_race_test");
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) schema.close();
  }

  @Test
  void shouldNeverGrantARestartTwiceWhenTwoReplicasDecideSteadyUnitsAtOnce() throws Exception {
    PgTestDatabase.assumeDatabase();
    schema.reset();
    PolicySnapshot policy = new PolicyCompiler(java.time.Clock.systemUTC()).compile(Fixtures.bundledTables());
    MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    List<String> units = List.of("a.service", "b.service");
    List<Decision> acked = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (PostgresStateStore a = PostgresStateStore.open(schema.url());
        PostgresStateStore b = PostgresStateStore.open(schema.url())) {
      List<RecoveryEngine> engines = List.of(
          new RecoveryEngine(() -> policy, a, clock, SafetyEnvelope.DEFAULT, List.of()),
          new RecoveryEngine(() -> policy, b, clock, SafetyEnvelope.DEFAULT, List.of()));
      for (int round = 0; round < 6; round++) {
        // a new round: past every cooldown, window and hour of the last one
        clock.advance(Duration.ofHours(3));
        for (String unit : units) {
          // two UPs on each replica: the second writes nothing, so each reads the next DOWN unlocked
          for (int k = 0; k < 4; k++) engines.get(k % 2).decide(Reports.up(unit));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          RecoveryEngine engine = engines.get(t % 2);
          fs.add(threads.submit(() -> {
            go.await();
            for (int i = 0; i < 4; i++) {
              for (String unit : units) acked.add(engine.decide(Reports.down(unit)));
            }
            return null;
          }));
        }

        go.countDown();
        for (Future<?> f : fs) f.get();

        for (String unit : units) {
          List<AuditEvent> restarts = new ArrayList<>();
          a.scanAudit(new AuditRange(unit, AuditType.RESTART, clock.instant(), null), restarts::add);
          // the clock stands still within a round: a second restart could only be a budget spent twice
          assertThat(restarts).as("restarts of %s in round %d", unit, round).hasSizeLessThanOrEqualTo(1);
        }
      }

      List<String> audited = new ArrayList<>();
      a.scanAudit(new AuditRange(null, AuditType.RESTART, null, null), e -> audited.add(e.id()));
      System.out.printf("two replicas, 8 threads: %d DOWN decisions, %d restarts, %d answered STORE_UNAVAILABLE%n", acked.size(),
          audited.size(), acked.stream().filter(d -> Reasons.STORE_UNAVAILABLE.equals(d.reason())).count());
      assertThat(acked.stream().filter(d -> d.action() == Action.RESTART).map(Decision::id))
          .as("acknowledged restarts are the audited ones").containsExactlyInAnyOrderElementsOf(audited);
      assertThat(audited).as("restarts granted at all").isNotEmpty();
      // a decision that lost the race to the other replica is decided again, not refused
      assertThat(acked).extracting(Decision::reason).doesNotContain(Reasons.STORE_UNAVAILABLE);
    } finally {
      threads.shutdownNow();
    }
  }
}
