package io.healguard.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditRange;
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
import io.healguard.engine.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/**
 * The database goes away mid-load and comes back: the engine talks to PostgreSQL through a TCP
 * proxy on loopback that the test cuts (every connection reset, new ones refused) and restores.
 * The real server keeps running.
 */
class PostgresOutageTest {
  static PgTestDatabase.Schema schema;

  record Timed(Decision decision, long startNanos, long endNanos) {}

  @BeforeAll
  static void createSchema() {
    schema = PgTestDatabase.newSchema("hg_outage_test");
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) schema.close();
  }

  @Test
  void shouldBlockQuicklyDuringAnOutageAndLoseNoAcknowledgedEventAfterRecovery() throws Exception {
    PgTestDatabase.assumeDatabase();
    Properties server = Driver.parseURL(schema.url(), new Properties());
    PolicySnapshot policy = new PolicyCompiler(java.time.Clock.systemUTC()).compile(Fixtures.bundledTables());
    MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    List<Timed> decisions = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(4);
    try (TcpProxy proxy = new TcpProxy(server.getProperty("PGHOST"), Integer.parseInt(server.getProperty("PGPORT")));
        PostgresStateStore store = PostgresStateStore.open(PostgresStoreConfig.of(
            schema.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"))
            .withProbeInterval(Duration.ofMillis(200)))) {
      RecoveryEngine engine = new RecoveryEngine(() -> policy, store, clock, SafetyEnvelope.DEFAULT, List.of());
      // the first decision warms Drools up; it must not be what the cut interrupts
      engine.decide(Reports.up("warmup.service"));
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int worker = t;
        workers.add(load.submit(() -> {
          for (int i = 0; running.get(); i++) {
            // a crash-looping unit shared by all workers, and one unit of each worker's own
            String unit = i % 2 == 0 ? "crashy.service" : "w" + worker + ".service";
            long start = System.nanoTime();
            Decision d = engine.decide(Reports.down(unit));
            decisions.add(new Timed(d, start, System.nanoTime()));
            // time moves on so cooldowns end and the crash loop keeps asking for restarts
            if (i % 10 == 0) clock.advance(Duration.ofSeconds(20));
          }
          return null;
        }));
      }

      // decisions flow through the proxy's sockets before the cut
      awaitUntil("decisions before the cut", () -> decisions.size() >= 20);
      proxy.cut();
      // after the cut has reset every connection: a decision that started while cut() was still
      // closing sockets may legitimately commit (seen once decisions got faster)
      long cutAt = System.nanoTime();
      // the probe (every 200 ms) finds the database gone, then decisions meet the outage
      awaitUntil("the store sees the outage", () -> !store.writable());
      awaitUntil("decisions during the outage", () -> startedAfter(decisions, cutAt) >= 10);
      boolean writableDuringOutage = store.writable();
      long restoreAt = System.nanoTime();
      proxy.restore();
      // the probe reconnects through the restored proxy and swaps in a fresh pool
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!store.writable() && System.nanoTime() < deadline) Thread.sleep(50);
      long recoveredAt = System.nanoTime();
      awaitUntil("decisions after recovery", () -> startedAfter(decisions, recoveredAt) >= 10);
      running.set(false);
      for (Future<?> f : workers) f.get();

      List<Timed> during = decisions.stream().filter(d -> d.startNanos() > cutAt && d.endNanos() < restoreAt).toList();
      List<Timed> after = decisions.stream().filter(d -> d.startNanos() > recoveredAt).toList();
      assertThat(writableDuringOutage).as("writable() while the database is cut off").isFalse();
      assertThat(during).as("decisions during the outage").isNotEmpty()
          .allSatisfy(d -> {
            assertThat(d.decision().action()).isEqualTo(Action.BLOCK);
            assertThat(d.decision().reason()).isEqualTo(Reasons.STORE_UNAVAILABLE);
            assertThat(Duration.ofNanos(d.endNanos() - d.startNanos())).isLessThan(Duration.ofMillis(2500));
          });
      assertThat(Duration.ofNanos(recoveredAt - restoreAt)).as("time to recover").isLessThan(Duration.ofSeconds(5));
      assertThat(after).as("decisions after recovery").isNotEmpty()
          .noneMatch(d -> Reasons.STORE_UNAVAILABLE.equals(d.decision().reason()));
      Set<String> audited = new HashSet<>();
      store.scanAudit(AuditRange.ALL, e -> audited.add(e.id()));
      List<String> acknowledged = decisions.stream().map(Timed::decision)
          .filter(d -> d.action() != Action.NONE && !Reasons.STORE_UNAVAILABLE.equals(d.reason()))
          .map(Decision::id).toList();
      assertThat(acknowledged).as("acknowledged decisions with an audit event").hasSizeGreaterThan(5);
      assertThat(audited).containsAll(acknowledged);
    } finally {
      running.set(false);
      load.shutdownNow();
    }
  }

  private static long startedAfter(List<Timed> decisions, long nanos) {
    synchronized (decisions) {
      return decisions.stream().filter(d -> d.startNanos() > nanos).count();
    }
  }

  /** Polls what real sockets and threads do, for at most 15 s. */
  private static void awaitUntil(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within 15 s");
      Thread.sleep(20); // real sockets and threads: polled, bounded by the deadline above
    }
  }
}
