package io.healguard.engine.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.decision.UnitState;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreUnavailableException;
import io.healguard.engine.store.SyncMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit queued without waiting must still get an answer when the disk does not: another
 * process holding the database's write lock stands in for a hung disk here.
 */
class SqliteJournalTimeoutTest {

  /** Until the writer thread has taken a batch; it is on its way to the locked file at once. */
  private static void awaitWriterHoldsABatch(SqliteJournal journal) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (journal.inFlightCount() == 0) {
      if (System.nanoTime() > deadline) throw new AssertionError("the writer took no batch within 10 s");
      Thread.yield();
    }
  }

  @Test
  void shouldFailAQueuedCommitThatIsNotDurableInTime(@TempDir Path data) throws Exception {
    SqliteJournal journal = new SqliteJournal(data, SyncMode.FULL, Duration.ofMillis(500));
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("healguard.db"));
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE"); // the writer's BEGIN IMMEDIATE now waits (busy_timeout 5 s)

      CompletableFuture<Void> taken = journal.writeAsync(
          new StoreCommit(UnitState.initial("api.service"), null, List.of()));
      awaitWriterHoldsABatch(journal); // stuck on the other connection's lock
      CompletableFuture<Void> queued = journal.writeAsync(
          new StoreCommit(UnitState.initial("web.service"), null, List.of()));

      Throwable failure = null;
      try {
        queued.get(3, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      assertThat(failure).as("answered long before the 5 s lock wait ends")
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("timed out");
      assertThat(taken).isCompletedExceptionally();
      assertThat(journal.healthy()).as("reported unhealthy: /health turns 503").isFalse();
      s.execute("ROLLBACK");

      journal.write(new StoreCommit(UnitState.initial("db.service"), null, List.of()));
      assertThat(journal.load().units())
          .as("the queued commit was answered STORE_UNAVAILABLE: it must not reach the disk later")
          .doesNotContainKey("web.service").containsKey("db.service");
      assertThat(journal.healthy()).as("healthy again after a durable write").isTrue();
    } finally {
      journal.close();
    }
  }

  @Test
  void shouldNotWriteABlockingCommitThatTimedOutWhileQueued(@TempDir Path data) throws Exception {
    SqliteJournal journal = new SqliteJournal(data, SyncMode.FULL, Duration.ofMillis(500));
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("healguard.db"));
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      journal.writeAsync(new StoreCommit(UnitState.initial("api.service"), null, List.of()));
      awaitWriterHoldsABatch(journal);

      assertThatThrownBy(() -> journal.write(new StoreCommit(UnitState.initial("web.service"), null, List.of())))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("timed out");
      assertThat(journal.healthy()).as("unhealthy as soon as the caller is told").isFalse();
      s.execute("ROLLBACK");

      journal.write(new StoreCommit(UnitState.initial("db.service"), null, List.of()));
      assertThat(journal.load().units())
          .as("the timed-out commit was answered STORE_UNAVAILABLE: it must not reach the disk later")
          .doesNotContainKey("web.service").containsKey("db.service");
    } finally {
      journal.close();
    }
  }

  @Test
  void shouldCompleteQueuedCommitsInOrderOnceDurable(@TempDir Path data) throws Exception {
    SqliteJournal journal = new SqliteJournal(data, SyncMode.FULL);
    try {
      List<CompletableFuture<Void>> done = new java.util.ArrayList<>();
      List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      for (int i = 0; i < 200; i++) {
        int n = i;
        done.add(journal.writeAsync(new StoreCommit(UnitState.initial("u" + i + ".service"), null, List.of()))
            .thenRun(() -> order.add(n)));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

      assertThat(order).isSorted().hasSize(200);
      assertThat(journal.load().units()).hasSize(200);
    } finally {
      journal.close();
    }
  }
}
