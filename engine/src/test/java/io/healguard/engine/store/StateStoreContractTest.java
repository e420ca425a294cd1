package io.healguard.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.Circuit;
import io.healguard.engine.decision.Hold;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.decision.UnitState;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStore} promises, run against each implementation by a subclass: durable
 * commits that read back field for field, one decision per unit at a time, the fleet lock, audit
 * queries, retention and export, and a refusal (not a silent loss) once it cannot write.
 */
abstract class StateStoreContractTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  /** A store over this test's storage; every call opens the same storage anew (a restart, or a replica). */
  abstract StateStore open();

  static UnitState state(String unit, int downs) {
    UnitState.Builder b = UnitState.initial(unit).toBuilder();
    b.downCount = downs;
    b.recordRestart(T0);
    b.backoffStep = 1;
    b.lastRestartAt = T0;
    b.circuit = new Circuit.Open(T0, Duration.ofMinutes(30));
    b.hold = new Hold("alice", "why", T0, T0.plusSeconds(60));
    b.lastReport = new LastReport(HealthStatus.DOWN, T0, null, "watchdog", "exit 1", null, null);
    return b.build();
  }

  static UnitState reported(String unit, HealthStatus status, Instant at) {
    UnitState.Builder b = UnitState.initial(unit).toBuilder();
    b.lastReport = new LastReport(status, at, null, "watchdog", null, null, null);
    return b.build();
  }

  static AuditEvent event(String unit, AuditType type, Instant at) {
    return AuditEvent.of(type, at, unit, "test", "R", "v1", Map.of("k", "v"));
  }

  static void commit(StateStore store, UnitState s) {
    try (UnitTx tx = store.begin(s.unit())) {
      tx.commit(new StoreCommit(s, null, List.of()));
    }
  }

  @Test
  void shouldMakeALastReportPublishedWithoutAWriteDurableOnFlush() {
    try (StateStore store = open()) {
      commit(store, reported("steady.service", HealthStatus.UP, T0));
      try (UnitTx tx = store.begin("steady.service")) {
        // a repeated UP five seconds later: nothing that decides changed, so no commit
        tx.publishVolatile(reported("steady.service", HealthStatus.UP, T0.plusSeconds(5)));
      }

      store.flushReports();

      try (StateStore afterCrash = open()) {
        assertThat(afterCrash.unit("steady.service").orElseThrow().lastReport().at()).isEqualTo(T0.plusSeconds(5));
      }
    }
  }

  @Test
  void shouldNotLetAnOlderShownReportOverwriteANewerCommit() {
    try (StateStore store = open()) {
      commit(store, reported("newer.service", HealthStatus.UP, T0));
      try (UnitTx tx = store.begin("newer.service")) {
        tx.publishVolatile(reported("newer.service", HealthStatus.UP, T0.plusSeconds(1)));
      }
      // a decision that writes, after the shown report: its state is the newest
      commit(store, reported("newer.service", HealthStatus.DOWN, T0.plusSeconds(2)));

      store.flushReports();

      try (StateStore afterCrash = open()) {
        assertThat(afterCrash.unit("newer.service").orElseThrow().lastReport().status()).isEqualTo(HealthStatus.DOWN);
      }
    }
  }

  @Test
  void shouldReadBackEveryFieldAfterReopen() {
    UnitState s = state("api.service", 2);
    try (StateStore store = open(); UnitTx tx = store.begin("api.service")) {
      tx.commit(new StoreCommit(s, null, List.of(event("api.service", AuditType.RESTART, T0))));
    }

    try (StateStore reopened = open()) {
      assertThat(reopened.unit("api.service")).contains(s);
      assertThat(reopened.audit(AuditQuery.latest(10))).hasSize(1);
    }
  }

  @Test
  void shouldKeepTheFleetStormEpisodeAcrossReopen() {
    try (StateStore store = open(); UnitTx tx = store.begin("a.service")) {
      tx.lockFleet();
      tx.commit(new StoreCommit(null, new FleetState(true, T0), List.of()));
    }

    try (StateStore reopened = open()) {
      assertThat(reopened.fleet()).isEqualTo(new FleetState(true, T0));
      assertThat(reopened.units()).isEmpty();
    }
  }

  @Test
  void shouldRefuseAFleetWriteWithoutTheFleetLock() {
    try (StateStore store = open(); UnitTx tx = store.begin("a.service")) {
      assertThatThrownBy(() -> tx.commit(new StoreCommit(null, FleetState.CALM, List.of())))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("lockFleet");
    }
  }

  @Test
  void shouldChangeNothingWhenATransactionClosesWithoutCommit() {
    try (StateStore store = open()) {
      try (UnitTx tx = store.begin("api.service")) {
        tx.lockFleet();
      }

      assertThat(store.unit("api.service")).isEmpty();
      assertThat(store.unitCount()).isZero();
      assertThat(store.fleet()).isEqualTo(FleetState.CALM);
    }
  }

  @Test
  void shouldLetOneDecisionPerUnitInAtATime() throws Exception {
    try (StateStore store = open()) {
      commit(store, state("api.service", 1));
      UnitTx first = store.begin("api.service");
      CompletableFuture<UnitState> seen = new CompletableFuture<>();
      Thread second = new Thread(() -> {
        try (UnitTx tx = store.begin("api.service")) {
          seen.complete(tx.state());
        }
      }, "second-decision");
      second.start();
      // parked on the unit's lock, or (were there no lock) already done with the old state
      awaitParkedOrDone(second);

      assertThat(store.tryBegin("api.service")).as("a third decision cannot have the unit now").isEmpty();
      first.commit(new StoreCommit(state("api.service", 2), null, List.of()));
      first.close();

      assertThat(seen.get(10, TimeUnit.SECONDS).downCount()).as("what the second decision read").isEqualTo(2);
    }
  }

  /** Waits until {@code t} waits on a lock or has ended; a lock taken without parking is a bug here. */
  static void awaitParkedOrDone(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Thread.State st = t.getState();
      if (st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING || st == Thread.State.TERMINATED) return;
      Thread.yield();
    }
    throw new AssertionError(t.getName() + " neither waited on the unit nor finished within 10 s: " + t.getState());
  }

  @Test
  void shouldAnswerStormAndDependencyQueriesFromCommittedReports() {
    try (StateStore store = open()) {
      commit(store, reported("a.service", HealthStatus.DOWN, T0));
      commit(store, reported("b.service", HealthStatus.DOWN, T0.plusSeconds(30)));
      commit(store, reported("c.service", HealthStatus.UP, T0.plusSeconds(30)));

      // fresh since T0+10s, not counting b itself: nothing; counting from T0 without a: b only
      assertThat(store.freshDownUnits(T0.plusSeconds(10), "b.service")).isZero();
      assertThat(store.freshDownUnits(T0, "a.service")).isEqualTo(1);
      assertThat(store.freshDownUnits(T0, null)).isEqualTo(2);
      // the storm check's bounded count: stops at what it needs, never counts more than there is
      assertThat(store.freshDownUnits(T0, null, 1)).isEqualTo(1);
      assertThat(store.freshDownUnits(T0, null, 0)).isZero();
      assertThat(store.freshDownUnits(T0, null, 5)).isEqualTo(2);
      assertThat(store.freshDownUnits(T0, "a.service", 5)).isEqualTo(1);
      assertThat(store.latestStatus("c.service")).isEqualTo(HealthStatus.UP);
      assertThat(store.latestStatus("never.service")).isNull();
      assertThat(store.unitCount()).isEqualTo(3);
    }
  }

  @Test
  void shouldFilterAuditByUnitTypeAndSinceNewestFirst() {
    try (StateStore store = open()) {
      store.appendAudit(event("a.service", AuditType.RESTART, T0));
      store.appendAudit(event("b.service", AuditType.RESTART, T0.plusSeconds(1)));
      store.appendAudit(event("a.service", AuditType.ESCALATED, T0.plusSeconds(2)));
      store.appendAudit(event("a.service", AuditType.RESTART, T0.plusSeconds(3)));

      assertThat(store.audit(new AuditQuery("a.service", AuditType.RESTART, null, 10)))
          .extracting(AuditEvent::at).containsExactly(T0.plusSeconds(3), T0);
      assertThat(store.audit(new AuditQuery(null, null, T0.plusSeconds(2), 10))).hasSize(2);
      assertThat(store.audit(AuditQuery.latest(1))).extracting(AuditEvent::at).containsExactly(T0.plusSeconds(3));
    }
  }

  @Test
  void shouldPurgeOnlyAuditEventsBeforeTheCutoff() {
    try (StateStore store = open()) {
      store.appendAudit(event("a.service", AuditType.RESTART, T0));
      store.appendAudit(event("a.service", AuditType.RESTART, T0.plusSeconds(10)));
      store.appendAudit(event("b.service", AuditType.ESCALATED, T0.plusSeconds(20)));

      long purged = store.purgeAuditOlderThan(T0.plusSeconds(10));

      assertThat(purged).isEqualTo(1);
      assertThat(store.audit(AuditQuery.latest(10))).extracting(AuditEvent::at)
          .containsExactly(T0.plusSeconds(20), T0.plusSeconds(10));
    }
  }

  @Test
  void shouldExportTheRangeAsJsonLinesOldestFirst() {
    StringWriter out = new StringWriter();
    try (StateStore store = open()) {
      store.appendAudit(event("a.service", AuditType.RESTART, T0));
      store.appendAudit(event("a.service", AuditType.RESTART, T0.plusSeconds(10)));
      store.appendAudit(event("a.service", AuditType.RESTART, T0.plusSeconds(20)));
      store.appendAudit(event("b.service", AuditType.RESTART, T0.plusSeconds(20)));

      long n = store.exportAudit(new AuditRange("a.service", null, T0.plusSeconds(10), null), out);

      assertThat(n).isEqualTo(2);
    }
    assertThat(out.toString().lines().map(l -> Json.read(l, AuditEvent.class).at()))
        .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20));
  }

  @Test
  void shouldCommitConcurrentDecisionsAndLoseNone() throws Exception {
    int units = 64;
    try (StateStore store = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < units; i++) {
        String unit = "u" + i + ".service";
        fs.add(pool.submit(() -> {
          for (int k = 1; k <= 5; k++) {
            try (UnitTx tx = store.begin(unit)) {
              tx.commit(new StoreCommit(state(unit, k), null, List.of(event(unit, AuditType.RESTART, T0))));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) f.get();
      pool.shutdown();
    }

    try (StateStore reopened = open()) {
      assertThat(reopened.units()).hasSize(units).allSatisfy(s -> assertThat(s.downCount()).isEqualTo(5));
      assertThat(reopened.audit(new AuditQuery(null, AuditType.RESTART, null, 1000))).hasSize(units * 5);
    }
  }

  @Test
  void shouldRefuseACommitAfterCloseAndStoreNothing() {
    StateStore store = open();
    store.close();

    assertThatThrownBy(() -> {
      try (UnitTx tx = store.begin("api.service")) {
        tx.commit(new StoreCommit(state("api.service", 1), null, List.of()));
      }
    }).isInstanceOf(StoreUnavailableException.class);

    assertThat(store.writable()).isFalse();
    try (StateStore reopened = open()) {
      assertThat(reopened.unit("api.service")).isEmpty();
    }
  }
}
