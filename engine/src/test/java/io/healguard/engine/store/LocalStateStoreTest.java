package io.healguard.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.policy.Circuit;
import io.healguard.engine.policy.Hold;
import io.healguard.engine.policy.LastReport;
import io.healguard.engine.policy.UnitState;
import io.healguard.engine.json.Json;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateStoreTest {
  @TempDir Path data;
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  static UnitState state(String unit, int downs) {
    UnitState.Builder b = UnitState.initial(unit).toBuilder();
    b.downCount = downs;
    b.recordRestart(T0);
    b.backoffStep = 1;
    b.lastRestartAt = T0;
    b.circuit = new Circuit.Open(T0, Duration.ofMinutes(30));
    b.hold = new Hold("alice", "why", T0, T0.plusSeconds(60));
    b.lastReport = new LastReport(HealthStatus.DOWN, T0, null, "watchdog", "exit 1");
    return b.build();
  }

  static AuditEvent event(String unit, AuditType type, Instant at) {
    return AuditEvent.of(type, at, unit, "test", "R", "v1", Map.of("k", "v"));
  }

  @Test
  void shouldReadBackEveryFieldAfterReopen() {
    UnitState s = state("api.service", 2);
    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.FULL);
        UnitTx tx = store.begin("api.service")) {
      tx.commit(new StoreCommit(s, null, List.of(event("api.service", AuditType.RESTART, T0))));
    }

    try (LocalStateStore reopened = LocalStateStore.sqlite(data, SyncMode.FULL)) {
      assertThat(reopened.unit("api.service")).contains(s);
      assertThat(reopened.audit(AuditQuery.latest(10))).hasSize(1);
    }
  }

  @Test
  void shouldKeepTheFleetStormEpisodeAcrossReopen() {
    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.FULL);
        UnitTx tx = store.begin("a.service")) {
      tx.lockFleet();
      tx.commit(new StoreCommit(null, new FleetState(true, T0), List.of()));
    }

    try (LocalStateStore reopened = LocalStateStore.sqlite(data, SyncMode.FULL)) {
      assertThat(reopened.fleet()).isEqualTo(new FleetState(true, T0));
    }
  }

  @Test
  void shouldRefuseAFleetWriteWithoutTheFleetLock() {
    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.FULL);
        UnitTx tx = store.begin("a.service")) {
      assertThatThrownBy(() -> tx.commit(new StoreCommit(null, FleetState.CALM, List.of())))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("lockFleet");
    }
  }

  @Test
  void shouldFilterAuditByUnitTypeAndSinceNewestFirst() {
    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL)) {
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
  void shouldGroupConcurrentCommitsAndLoseNone() throws Exception {
    int units = 64;
    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.FULL)) {
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

    try (LocalStateStore reopened = LocalStateStore.sqlite(data, SyncMode.FULL)) {
      assertThat(reopened.units()).hasSize(units).allSatisfy(s -> assertThat(s.downCount()).isEqualTo(5));
      assertThat(reopened.audit(new AuditQuery(null, AuditType.RESTART, null, 1000))).hasSize(units * 5);
    }
  }

  @Test
  void shouldFailACommitAfterCloseWithoutChangingState() {
    LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.FULL);
    store.close();

    try (UnitTx tx = store.begin("api.service")) {
      assertThatThrownBy(() -> tx.commit(new StoreCommit(state("api.service", 1), null, List.of())))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(tx.state()).isNull();
    }
    assertThat(store.writable()).isFalse();
  }

  @Test
  void shouldPurgeOnlyAuditEventsBeforeTheCutoff() {
    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL)) {
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
    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL)) {
      store.appendAudit(event("a.service", AuditType.RESTART, T0));
      store.appendAudit(event("a.service", AuditType.RESTART, T0.plusSeconds(10)));
      store.appendAudit(event("a.service", AuditType.RESTART, T0.plusSeconds(20)));

      long n = store.exportAudit(new AuditRange("a.service", null, T0.plusSeconds(10), null), out);

      assertThat(n).isEqualTo(2);
    }
    assertThat(out.toString().lines().map(l -> Json.read(l, AuditEvent.class).at()))
        .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20));
  }
}
