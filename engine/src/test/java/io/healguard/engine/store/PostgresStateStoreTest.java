package io.healguard.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.decision.Hold;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.testing.PgTestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, plus what only a shared store promises: a second replica (a
 * second store on the same schema) never commits a decision made on a state the first has since
 * changed, and then sees the first one's state; the policy version is shared, and credentials
 * never show.
 */
class PostgresStateStoreTest extends StateStoreContractTest {
  static PgTestDatabase.Schema schema;

  @BeforeAll
  static void createSchema() {
    schema = PgTestDatabase.newSchema("hg_store_test");
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) schema.close();
  }

  @BeforeEach
  void emptySchema() {
    PgTestDatabase.assumeDatabase();
    schema.reset();
  }

  @Override
  StateStore open() {
    return PostgresStateStore.open(schema.url());
  }

  @Test
  void shouldRefuseTheSecondReplicasCommitMadeOnAStateTheFirstHasSinceChanged() throws Exception {
    try (StateStore a = open(); StateStore b = open()) {
      // a decision that wrote nothing: each replica's next one on the unit reads without a lock
      decideNothing(a, "api.service");
      decideNothing(b, "api.service");
      UnitTx heldByA = a.begin("api.service");
      UnitTx readByB = b.begin("api.service");
      UnitState.Builder hold = UnitState.initial("api.service").toBuilder();
      hold.hold = new Hold("alice", "investigating", T0, T0.plusSeconds(600));
      heldByA.commit(new StoreCommit(hold.build(), null, List.of()));
      heldByA.close();

      assertThatThrownBy(() -> readByB.commit(new StoreCommit(state("api.service", 1), null, List.of())))
          .isInstanceOf(StoreConflictException.class).hasMessageContaining("another replica");
      readByB.close();

      try (UnitTx next = b.begin("api.service")) {
        assertThat(next.state().hold().actor()).as("b's next decision reads a's override").isEqualTo("alice");
      }
      assertThat(a.unit("api.service").orElseThrow().downCount()).as("b's stale state was not stored").isZero();
    }
  }

  @Test
  void shouldMakeTheSecondReplicasWriteWaitForTheRowTheFirstHoldsLocked() throws Exception {
    try (StateStore a = open(); StateStore b = open()) {
      // a decision that wrote makes a's next decision on the unit lock the row at once; one that
      // wrote nothing lets b's next one read without a lock
      commit(a, state("api.service", 1));
      decideNothing(b, "api.service");
      UnitTx heldByA = a.begin("api.service");
      UnitTx readByB = b.begin("api.service");
      CompletableFuture<Void> bCommits = CompletableFuture.runAsync(() -> {
        try (readByB) {
          readByB.commit(new StoreCommit(state("api.service", 5), null, List.of()));
        }
      });
      // b's commit now waits in the server for the row lock a holds
      awaitBackendsWaitingOnALock(1);

      heldByA.commit(new StoreCommit(state("api.service", 2), null, List.of()));
      heldByA.close();

      assertThatThrownBy(() -> bCommits.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreConflictException.class);
      assertThat(b.unit("api.service").orElseThrow().downCount()).isEqualTo(2);
    }
  }

  static void decideNothing(StateStore store, String unit) {
    try (UnitTx tx = store.begin(unit)) {
      assertThat(tx.state() == null || tx.state().unit().equals(unit)).isTrue();
    }
  }

  /** Polls the real server until {@code n} of this database's sessions wait on a lock (10 s at most). */
  static void awaitBackendsWaitingOnALock(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (schema.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND wait_event_type = 'Lock' AND application_name = 'healguard'") < n) {
      if (System.nanoTime() > deadline) throw new AssertionError(n + " sessions waiting on a lock: not within 10 s");
      Thread.sleep(20); // the real server's sessions: polled, bounded by the deadline above
    }
  }

  /**
   * Two replicas, four threads each, race on units that do not exist yet: the first decisions of
   * a unit must be serialized like every later one, or one replica's state overwrites the other's.
   * Each transaction adds one DOWN to the counter it read, after a decision that wrote nothing (so
   * it reads without a lock, the fast path), and tries again when told its replica lost the race
   * (as the agent retries a decision answered STORE_UNAVAILABLE); none may be lost or counted twice.
   */
  @Test
  void shouldLoseNoUpdateWhenTwoReplicasCreateTheSameUnitAtOnce() throws Exception {
    int units = 40;
    int perReplicaThread = 3;
    try (StateStore a = open(); StateStore b = open()) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      for (int u = 0; u < units; u++) {
        String unit = "fresh-" + u + ".service";
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
          StateStore store = t % 2 == 0 ? a : b;
          fs.add(pool.submit(() -> {
            go.await();
            for (int k = 0; k < perReplicaThread; k++) {
              // a steady report first: the DOWN after it reads without a lock and races the other replica
              decideNothing(store, unit);
              while (!addOneDown(store, unit)) {
                // lost the race to the other replica: decide again on the state it left
              }
            }
            return null;
          }));
        }

        go.countDown();
        for (java.util.concurrent.Future<?> f : fs) f.get();

        assertThat(a.unit(unit)).hasValueSatisfying(st -> assertThat(st.downCount())
            .as("DOWNs counted for %s", unit).isEqualTo(8 * perReplicaThread));
      }
      pool.shutdown();
    }
  }

  /** One decision that adds a DOWN; false when the store refused it as decided on a stale state. */
  static boolean addOneDown(StateStore store, String unit) {
    try (UnitTx tx = store.begin(unit)) {
      UnitState cur = tx.state() == null ? UnitState.initial(unit) : tx.state();
      UnitState.Builder next = cur.toBuilder();
      next.downCount++;
      tx.commit(new StoreCommit(next.build(), null, List.of()));
      return true;
    } catch (StoreConflictException e) {
      return false;
    }
  }

  @Test
  void shouldShareThePolicyVersionInForceBetweenReplicas() {
    try (PostgresStateStore a = PostgresStateStore.open(schema.url());
        PostgresStateStore b = PostgresStateStore.open(schema.url())) {
      assertThat(b.activePolicyVersion()).isEmpty();
      a.recordPolicyActivation("v1", T0, "alice", null);

      a.recordPolicyActivation("v2", T0.plusSeconds(60), "bob", "zip".getBytes(StandardCharsets.UTF_8));

      assertThat(b.activePolicyVersion()).contains("v2");
      PolicyActivation active = b.activePolicy().orElseThrow();
      assertThat(active.actor()).isEqualTo("bob");
      assertThat(active.activatedAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(new String(active.tables(), StandardCharsets.UTF_8)).isEqualTo("zip");
      assertThat(schema.queryLong("SELECT count(*) FROM policy_activation")).isEqualTo(2);
    }
  }

  @Test
  void shouldKeepCredentialsOutOfDescribe() {
    String url = schema.url() + "&password=s3cret";
    try (PostgresStateStore store = PostgresStateStore.open(url)) {
      assertThat(store.describe())
          .startsWith("postgresql://")
          .endsWith("?currentSchema=" + schema.name())
          .doesNotContain("s3cret")
          .doesNotContain("user=");
    }
  }

  @Test
  void shouldNameTheFieldAndHideThePasswordForAUrlThatIsNotPostgres() {
    assertThatThrownBy(() -> PostgresStoreConfig.of("jdbc:mysql://db/x?user=u&password=s3cret"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("store.url must be a jdbc:postgresql:// URL")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldRecoverByItselfAfterItsConnectionsAreTerminated() throws Exception {
    try (StateStore store = PostgresStateStore.open(
        PostgresStoreConfig.of(schema.url()).withProbeInterval(Duration.ofMillis(200)))) {
      commit(store, state("api.service", 1));

      schema.terminateOtherBackends();

      // the pooled connections are dead; within a few tries the pool has fresh ones
      Instant deadline = Instant.now().plusSeconds(10);
      boolean stored = false;
      while (!stored && Instant.now().isBefore(deadline)) {
        try {
          commit(store, state("api.service", 2));
          stored = true;
        } catch (StoreUnavailableException e) {
          // the pool and the probe reconnect to the real server on their own: try again shortly
          Thread.sleep(100);
        }
      }
      assertThat(stored).as("a commit went through after the backends were terminated").isTrue();
      assertThat(store.unit("api.service").orElseThrow().downCount()).isEqualTo(2);
    }
  }
}
