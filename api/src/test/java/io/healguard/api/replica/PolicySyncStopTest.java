package io.healguard.api.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.rules.PolicyArchive;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.testing.PgTestDatabase;
import io.healguard.engine.testing.PolicyTables;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopping replica adopts nothing: the service stops its sync before it closes the store, and a
 * step the cancelled timer had already started must not go on to activate and audit a version on
 * a store that is closing (the real PostgreSQL store; skipped with a reason without one).
 */
class PolicySyncStopTest {
  @TempDir Path dir;
  PgTestDatabase.Schema schema;
  PostgresStateStore store;
  PolicyManager a;
  PolicyManager b;
  PolicyManager c;

  @BeforeEach
  void setUp() throws Exception {
    PgTestDatabase.assumeDatabase();
    schema = PgTestDatabase.newSchema("hg_sync_stop");
    store = PostgresStateStore.open(schema.url());
    a = replica("a");
    b = replica("b");
    c = replica("c");
  }

  /** A replica's manager: its own copy of the tables and a policy archive (where adopted tables go). */
  private PolicyManager replica(String name) throws Exception {
    return new PolicyManager(PolicyTables.copyBundled(dir.resolve(name)), Clock.systemUTC(),
        new PolicyArchive(dir.resolve(name + "-policies")));
  }

  @AfterEach
  void tearDown() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (c != null) c.close();
    if (store != null) store.close();
    if (schema != null) schema.close();
  }

  @Test
  void shouldNotAdoptTheSharedVersionOnceStopped() throws Exception {
    PolicySync syncA = new PolicySync(a, store, Clock.systemUTC(), "a");
    PolicySync syncB = new PolicySync(b, store, Clock.systemUTC(), "b");
    PolicySync syncC = new PolicySync(c, store, Clock.systemUTC(), "c");
    syncA.syncOnce(); // the first replica's start-up version becomes the shared one
    String before = b.current().version();
    PolicyTables.setCell(dir.resolve("a").resolve("thresholds.xlsx"), "DT-THRESHOLDS-003", "maxRestarts", "1");
    String published = a.reload("operator").version();
    assertThat(store.activePolicyVersion()).contains(published);

    syncB.stop();
    syncB.syncOnce();
    syncC.syncOnce(); // the control: a running replica adopts it

    assertThat(b.current().version()).as("stopped replica").isEqualTo(before).isNotEqualTo(published);
    assertThat(c.current().version()).as("running replica").isEqualTo(published);
    assertThat(store.activePolicyVersion()).contains(published);
  }
}
