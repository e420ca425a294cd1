package io.healguard.engine.policy;

import static io.healguard.engine.testing.Reports.down;
import static io.healguard.engine.testing.Reports.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.Journal;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreUnavailableException;
import io.healguard.engine.store.StoredState;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.store.UnitTx;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecoveryEngine#decideWithoutWaiting}: what the service's event loop calls. It must keep
 * every promise of {@link RecoveryEngine#decide}: one decision per unit at a time, answered only
 * once durable, nothing published that the disk does not have.
 */
class NonBlockingDecisionTest {
  static PolicySnapshot bundled;
  final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  final Executor inline = Runnable::run;

  @BeforeAll
  static void compile() throws Exception {
    bundled = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
  }

  RecoveryEngine engine(StateStore store) {
    return new RecoveryEngine(() -> bundled, store, clock, new SafetyEnvelope(10), List.of());
  }

  @Test
  void shouldAnswerASteadyUpAtOnceWithoutWriting() {
    HeldJournal journal = new HeldJournal();
    RecoveryEngine e = engine(new LocalStateStore(journal));
    e.decide(up("api.service")); // the first UP records upSince: a write
    journal.releaseAll();
    int writes = journal.written.size();

    CompletionStage<Decision> steady = e.decideWithoutWaiting(up("api.service"), inline).orElseThrow();

    assertThat(steady.toCompletableFuture()).isCompletedWithValueMatching(d -> d.reason().equals("HEALTHY"));
    assertThat(journal.written).as("a steady UP writes nothing").hasSize(writes);
  }

  @Test
  void shouldHoldTheUnitAndPublishNothingUntilTheCommitIsDurable() {
    HeldJournal journal = new HeldJournal();
    LocalStateStore store = new LocalStateStore(journal);
    RecoveryEngine e = engine(store);

    CompletableFuture<Decision> first = e.decideWithoutWaiting(down("api.service"), inline).orElseThrow().toCompletableFuture();

    assertThat(first).as("not answered before the disk has it").isNotDone();
    assertThat(store.unit("api.service")).as("readers see only durable state").isEmpty();
    assertThat(store.tryBegin("api.service")).as("the unit stays locked until durable").isEmpty();
    assertThat(e.decideWithoutWaiting(down("api.service"), inline))
        .as("the unit's next report must wait its turn (the caller takes the blocking way)").isEmpty();
    assertThat(e.decideWithoutWaiting(down("db.service"), inline))
        .as("another unit is not held up").isPresent();

    journal.releaseAll();

    assertThat(first).isCompletedWithValueMatching(d -> d.state().downCount() == 1);
    assertThat(store.unit("api.service").orElseThrow().downCount()).isEqualTo(1);
    Optional<UnitTx> again = store.tryBegin("api.service");
    assertThat(again).as("released once durable").isPresent();
    again.get().close();
  }

  @Test
  void shouldAnswerStoreUnavailableAndChangeNothingWhenTheCommitFails() {
    HeldJournal journal = new HeldJournal();
    LocalStateStore store = new LocalStateStore(journal);
    RecoveryEngine e = engine(store);
    e.decide(down("api.service"));
    e.decide(down("api.service"));
    journal.releaseAll();

    CompletableFuture<Decision> third = e.decideWithoutWaiting(down("api.service"), inline).orElseThrow().toCompletableFuture();
    journal.failAll(new StoreUnavailableException("disk full", null));

    assertThat(third).isCompletedWithValueMatching(d -> d.action() == Action.BLOCK
        && d.reason().equals(Reasons.STORE_UNAVAILABLE) && d.rule().equals(Guards.GUARD_STORE));
    assertThat(store.unit("api.service").orElseThrow().downCount())
        .as("the failed decision's counters are not published").isEqualTo(2);
    Optional<UnitTx> again = store.tryBegin("api.service");
    assertThat(again).as("a failed commit releases the unit").isPresent();
    again.get().close();
  }

  @Test
  void shouldRunWhatFollowsTheCommitOnTheGivenExecutor() {
    HeldJournal journal = new HeldJournal();
    RecoveryEngine e = engine(new LocalStateStore(journal));
    ConcurrentLinkedQueue<Runnable> loop = new ConcurrentLinkedQueue<>();

    CompletableFuture<Decision> d = e.decideWithoutWaiting(down("api.service"), loop::add).orElseThrow().toCompletableFuture();
    journal.releaseAll();

    assertThat(d).as("completion is handed to the executor, not run on the journal's thread").isNotDone();
    assertThat(loop).hasSize(1);
    loop.poll().run();
    assertThat(d).isCompleted();
  }

  @Test
  void shouldStoreDecisionsThatSurviveAReopen(@TempDir Path data) throws Exception {
    StateStore store = LocalStateStore.sqlite(data, SyncMode.FULL);
    RecoveryEngine e = engine(store);
    List<CompletableFuture<Decision>> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // one at a time per unit, as the service does: wait for the answer before the next report
      answers.add(e.decideWithoutWaiting(down("api.service"), inline).orElseThrow().toCompletableFuture());
      answers.get(i).get(10, TimeUnit.SECONDS);
    }

    assertThat(answers.get(2).get().action()).isEqualTo(Action.RESTART);
    store.close();
    StateStore reopened = LocalStateStore.sqlite(data, SyncMode.FULL);
    assertThat(reopened.unit("api.service").orElseThrow().restartLog()).hasSize(1);
    assertThat(reopened.audit(AuditQuery.latest(10)))
        .extracting(AuditEvent::id).contains(answers.get(2).get().id());
    reopened.close();
  }

  /** A journal whose commits become durable (or fail) only when the test says so. */
  static final class HeldJournal implements Journal {
    final List<StoreCommit> written = new ArrayList<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private final List<StoreCommit> heldCommits = new ArrayList<>();

    @Override
    public StoredState load() {
      return new StoredState(Map.of(), FleetState.CALM);
    }

    @Override
    public synchronized void write(StoreCommit commit) {
      written.add(commit);
    }

    @Override
    public synchronized CompletableFuture<Void> writeAsync(StoreCommit commit) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      held.add(f);
      heldCommits.add(commit);
      return f;
    }

    void releaseAll() {
      List<CompletableFuture<Void>> now;
      synchronized (this) {
        written.addAll(heldCommits);
        now = List.copyOf(held);
        held.clear();
        heldCommits.clear();
      }
      now.forEach(f -> f.complete(null));
    }

    void failAll(RuntimeException e) {
      List<CompletableFuture<Void>> now;
      synchronized (this) {
        now = List.copyOf(held);
        held.clear();
        heldCommits.clear();
      }
      now.forEach(f -> f.completeExceptionally(e));
    }

    @Override
    public List<AuditEvent> audit(AuditQuery query) {
      return List.of();
    }

    @Override
    public void scanAudit(AuditRange range, Consumer<AuditEvent> each) {}

    @Override
    public long purgeAuditOlderThan(Instant cutoff) {
      return 0;
    }

    @Override
    public boolean healthy() {
      return true;
    }

    @Override
    public String describe() {
      return "held";
    }

    @Override
    public void close() {}
  }
}
