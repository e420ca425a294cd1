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
 * second store on the same schema) waits for the unit's row lock and then sees the first one's
 * state, the policy version is shared, and credentials never show.
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
  void shouldMakeTheSecondReplicaWaitForTheUnitAndThenSeeTheFirstOnesOverride() throws Exception {
    try (StateStore a = open(); StateStore b = open()) {
      UnitTx held = a.begin("api.service");
      CompletableFuture<UnitState> seenByB = CompletableFuture.supplyAsync(() -> {
        try (UnitTx tx = b.begin("api.service")) {
          return tx.state();
        }
      });
      // replica b is blocked on the row lock replica a holds
      Thread.sleep(300);
      assertThat(seenByB).isNotDone();

      UnitState.Builder hold = UnitState.initial("api.service").toBuilder();
      hold.hold = new Hold("alice", "investigating", T0, T0.plusSeconds(600));
      held.commit(new StoreCommit(hold.build(), null, List.of()));
      held.close();

      assertThat(seenByB.get(10, TimeUnit.SECONDS).hold().actor()).isEqualTo("alice");
    }
  }

  /**
   * Two replicas race on units that do not exist yet: the first decisions of a unit must be
   * serialized like every later one, or one replica's state overwrites the other's. Each
   * transaction adds one DOWN to the counter it read; none may be lost.
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
              try (UnitTx tx = store.begin(unit)) {
                UnitState cur = tx.state() == null ? UnitState.initial(unit) : tx.state();
                UnitState.Builder next = cur.toBuilder();
                next.downCount++;
                tx.commit(new StoreCommit(next.build(), null, List.of()));
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
          Thread.sleep(100);
        }
      }
      assertThat(stored).as("a commit went through after the backends were terminated").isTrue();
      assertThat(store.unit("api.service").orElseThrow().downCount()).isEqualTo(2);
    }
  }
}
