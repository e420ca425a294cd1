package io.healguard.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.health.Tier;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.Journal;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoredState;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PgTestDatabase;
import io.healguard.engine.testing.Reports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet storm on both stores: many threads report the fleet's units DOWN at once. The fleet
 * lock serializes only what can change the storm episode; a unit's storm BLOCK gives the lock back
 * before its commit is durable. The episode must still escalate exactly once and restart nothing.
 */
class StormFleetLockTest {
  static final int UNITS = 40;
  static final int THREADS = 16;
  static final String STALLED = "stall.service";
  static PolicySnapshot policy;
  static PgTestDatabase.Schema schema;
  final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  @TempDir Path data;

  @BeforeAll
  static void compile() {
    policy = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
    schema = PgTestDatabase.newSchema("hg_storm_test");
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) schema.close();
  }

  RecoveryEngine engine(StateStore store) {
    return new RecoveryEngine(() -> policy, store, clock, SafetyEnvelope.DEFAULT, List.of());
  }

  @Test
  void shouldEscalateEachEpisodeOnceAndRestartNothingOnTheEmbeddedStore() throws Exception {
    try (StateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL)) {
      assertOneEscalationPerEpisode(store);
    }
  }

  @Test
  void shouldEscalateEachEpisodeOnceAndRestartNothingOnPostgres() throws Exception {
    PgTestDatabase.assumeDatabase();
    schema.reset();
    try (StateStore store = PostgresStateStore.open(schema.url())) {
      assertOneEscalationPerEpisode(store);
    }
  }

  @Test
  void shouldLetAnotherUnitDecideWhileAStormBlockIsStillBeingCommittedOnTheEmbeddedStore() throws Exception {
    StallingJournal journal = new StallingJournal(policy.thresholds(Tier.STANDARD).failures());
    LocalStateStore store = new LocalStateStore(journal);
    RecoveryEngine e = engine(store);
    startEpisode(e);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<Decision> stalled = pool.submit(() -> e.decide(Reports.down(STALLED)));
    journal.entered.await(); // the stalled unit decided and its commit is now waiting on the disk

    // the event loop's way: it gets the fleet lock at once or not at all, so no timing is involved
    Decision other = e.decideWithoutWaiting(Reports.down("svc-1.service"), Runnable::run).orElseThrow()
        .toCompletableFuture().get();

    assertThat(other.reason()).isEqualTo(Reasons.FLEET_STORM);
    assertThat(other.action()).isEqualTo(Action.BLOCK);
    assertThat(stalled).as("the first unit's commit is still held").isNotDone();
    journal.release.countDown();
    assertThat(stalled.get().action()).isEqualTo(Action.BLOCK);
    pool.shutdown();
  }

  @Test
  void shouldLetAnotherUnitDecideWhileAStormBlockIsStillBeingCommittedOnPostgres() throws Exception {
    PgTestDatabase.assumeDatabase();
    schema.reset();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (StateStore store = PostgresStateStore.open(schema.url());
        Connection holder = DriverManager.getConnection(schema.url());
        Statement sql = holder.createStatement()) {
      RecoveryEngine e = engine(store);
      startEpisode(e);
      // the stalled unit's audit insert waits on an advisory lock this test holds: its commit
      // cannot finish, while every lock it took stays as it was when it began to commit
      sql.execute("CREATE FUNCTION stall_audit() RETURNS trigger AS $$ BEGIN "
          + "IF NEW.unit = '" + STALLED + "' THEN PERFORM pg_advisory_xact_lock(4216); END IF; RETURN NEW; END $$ "
          + "LANGUAGE plpgsql");
      sql.execute("CREATE TRIGGER stall_audit BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION stall_audit()");
      sql.execute("SELECT pg_advisory_lock(4216)");
      Future<Decision> stalled = pool.submit(() -> e.decide(Reports.down(STALLED)));
      awaitAdvisoryWaiter(sql);

      Decision other = pool.submit(() -> e.decide(Reports.down("svc-1.service"))).get(60, TimeUnit.SECONDS);

      assertThat(other.reason()).as("decided, not timed out on the fleet lock").isEqualTo(Reasons.FLEET_STORM);
      assertThat(other.action()).isEqualTo(Action.BLOCK);
      assertThat(stalled).as("the first unit's commit is still held").isNotDone();
      sql.execute("SELECT pg_advisory_unlock(4216)");
      assertThat(stalled.get(60, TimeUnit.SECONDS).reason()).isEqualTo(Reasons.FLEET_STORM);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every unit below the DOWN threshold, fresh; then one eligible DOWN escalates the storm. */
  private void startEpisode(RecoveryEngine e) {
    int failures = policy.thresholds(Tier.STANDARD).failures();
    List<String> units = new ArrayList<>(List.of(STALLED));
    for (int u = 0; u < UNITS; u++) units.add("svc-" + u + ".service");
    for (int i = 1; i < failures; i++) {
      for (String u : units) e.decide(Reports.down(u));
    }
    Decision first = e.decide(Reports.down("svc-0.service"));
    assertThat(first.action()).as("the storm's first eligible DOWN").isEqualTo(Action.ESCALATE);
  }

  private static void awaitAdvisoryWaiter(Statement sql) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (var rs = sql.executeQuery("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
          + "WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.objid = 4216 AND NOT l.granted")) {
        rs.next();
        if (rs.getLong(1) > 0) return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the stalled unit never reached its audit insert");
  }

  /**
   * Two episodes, each over a fresh batch of units: the batch first reports DOWN below the
   * threshold, then every unit's eligible DOWN races on {@value #THREADS} threads. Between them
   * the first batch goes stale and one calm DOWN restarts, which ends the first episode.
   */
  private void assertOneEscalationPerEpisode(StateStore store) throws Exception {
    RecoveryEngine e = engine(store);
    assertThat(policy.storm().unitsNeeded(2 * UNITS)).as("a batch is a storm").isLessThanOrEqualTo(UNITS);

    List<Decision> first = stormOf(e, "a");
    // past the storm's freshness: the first batch's DOWNs no longer count, so the next DOWN is calm
    clock.advance(policy.storm().freshness().plusSeconds(1));
    String notEscalated = first.stream().filter(d -> d.action() == Action.BLOCK).findFirst().orElseThrow().unit();
    Decision calm = e.decide(Reports.down(notEscalated));
    boolean episodeAfterCalm = store.fleet().stormEpisodeActive();
    List<Decision> second = stormOf(e, "b");

    for (List<Decision> episode : List.of(first, second)) {
      assertThat(episode).filteredOn(d -> d.action() == Action.ESCALATE).singleElement()
          .satisfies(d -> assertThat(d.reason()).isEqualTo(Reasons.FLEET_STORM));
      assertThat(episode).filteredOn(d -> d.action() == Action.RESTART).as("restarts during the episode").isEmpty();
      assertThat(episode).filteredOn(d -> d.action() == Action.BLOCK)
          .allSatisfy(d -> assertThat(d.reason()).isEqualTo(Reasons.FLEET_STORM)).hasSize(UNITS - 1);
    }
    assertThat(calm.action()).as("the calm DOWN after the first episode").isEqualTo(Action.RESTART);
    assertThat(episodeAfterCalm).as("the calm restart ended the episode").isFalse();
    assertThat(store.fleet().stormEpisodeActive()).as("the second episode is on").isTrue();
    assertThat(store.audit(new AuditQuery(null, AuditType.ESCALATED, null, 1000))).as("durable escalations").hasSize(2);
  }

  private List<Decision> stormOf(RecoveryEngine e, String batch) throws Exception {
    int failures = policy.thresholds(Tier.STANDARD).failures();
    for (int i = 1; i < failures; i++) {
      for (int u = 0; u < UNITS; u++) e.decide(Reports.down(batch + "-" + u + ".service"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Decision>> answers = new ArrayList<>();
    for (int u = 0; u < UNITS; u++) {
      String unit = batch + "-" + u + ".service";
      answers.add(pool.submit(() -> {
        start.await();
        return e.decide(Reports.down(unit));
      }));
    }
    start.countDown();
    List<Decision> out = new ArrayList<>();
    for (Future<Decision> f : answers) out.add(f.get(120, TimeUnit.SECONDS));
    pool.shutdown();
    return out;
  }

  /** Memory only; the stalled unit's eligible DOWN commit waits for {@link #release}. */
  static final class StallingJournal implements Journal {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final int eligibleDownCount;

    StallingJournal(int eligibleDownCount) {
      this.eligibleDownCount = eligibleDownCount;
    }

    @Override
    public StoredState load() {
      return new StoredState(Map.of(), FleetState.CALM);
    }

    @Override
    public void write(StoreCommit commit) {
      if (commit.unit() != null && commit.unit().unit().equals(STALLED) && commit.unit().downCount() >= eligibleDownCount) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public CompletableFuture<Void> writeAsync(StoreCommit commit) {
      write(commit);
      return CompletableFuture.completedFuture(null);
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
      return "stalling memory journal";
    }

    @Override
    public void close() {}
  }
}
