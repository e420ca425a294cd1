package io.healguard.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.Tier;
import io.healguard.engine.decision.Action;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.PgTestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, each a real JVM with its own engine and its own {@link PostgresStateStore} on one
 * schema, report the same crash-looping unit DOWN at once on a shared time base. The unit's row
 * lock serializes them: the audit never shows more restarts than the policy allows, and when one
 * replica is killed with SIGKILL mid-stream the other keeps deciding and nothing the dead one
 * acknowledged is missing.
 */
class ReplicaTest {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  // one wall second is five minutes of engine time: a 10 s run crosses windows and cool-offs
  static final long SPEED = 300;
  static PgTestDatabase.Schema schema;

  record Ack(String id, Instant at, Action action, String reason) {}

  /** One child JVM and the acknowledgements it printed, read as they come. */
  static final class Replica {
    final Process process;
    final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch ready = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);

    Replica(long runMillis) throws IOException {
      process = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"),
              "-Dhealguard.repo.root=" + Fixtures.repoRoot(),
              ReplicaDriver.class.getName(),
              schema.url(), Fixtures.bundledTables().toString(), START.toString(), String.valueOf(SPEED), "4", String.valueOf(runMillis))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      Thread reader = new Thread(this::read, "replica-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.equals("READY")) ready.countDown();
          if (line.equals("DONE")) done.countDown();
          if (!line.startsWith("ACK ")) continue;
          String[] p = line.split(" ");
          acks.add(new Ack(p[1], Instant.parse(p[2]), Action.valueOf(p[3]), p[4]));
        }
      } catch (IOException e) {
        // the process died: what it printed is what it acknowledged
      } finally {
        ready.countDown();
        done.countDown();
      }
    }

    void go(long wallStart) throws IOException {
      process.getOutputStream().write(("GO " + wallStart + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    List<Ack> snapshot() {
      synchronized (acks) {
        return List.copyOf(acks);
      }
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no rollback sent
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @BeforeAll
  static void createSchema() {
    schema = PgTestDatabase.newSchema("hg_replica_test");
  }

  @AfterAll
  static void dropSchema() {
    if (schema != null) schema.close();
  }

  @BeforeEach
  void emptySchema() {
    PgTestDatabase.assumeDatabase();
    schema.reset();
    // migrate once here, so the two replicas do not race to create the schema
    PostgresStateStore.open(schema.url()).close();
  }

  @Test
  void shouldNeverPermitMoreRestartsThanThePolicyAcrossTwoReplicas() throws Exception {
    Replica a = new Replica(10_000);
    Replica b = new Replica(10_000);
    try {
      start(a, b);
      assertThat(a.done.await(60, TimeUnit.SECONDS) && b.done.await(60, TimeUnit.SECONDS))
          .as("both replicas finished their run").isTrue();
    } finally {
      a.kill();
      b.kill();
    }

    List<Instant> restarts = new ArrayList<>();
    Set<String> audited = new HashSet<>();
    try (PostgresStateStore store = PostgresStateStore.open(schema.url())) {
      store.scanAudit(AuditRange.ALL, e -> audited.add(e.id()));
      store.scanAudit(new AuditRange("crashy.service", AuditType.RESTART, null, null), e -> restarts.add(e.at()));
    }
    List<Ack> acked = new ArrayList<>(a.snapshot());
    acked.addAll(b.snapshot());
    assertThat(a.snapshot()).as("replica a decided").hasSizeGreaterThan(20);
    assertThat(b.snapshot()).as("replica b decided").hasSizeGreaterThan(20);
    assertThat(restarts).as("the crash loop was restarted at all").isNotEmpty();
    System.out.printf("two replicas: %d + %d decisions, %d restarts audited over %s of engine time%n",
        a.snapshot().size(), b.snapshot().size(), restarts.size(), Duration.ofSeconds(10 * SPEED));
    var policy = new PolicyCompiler(java.time.Clock.systemUTC()).compile(Fixtures.bundledTables());
    Duration window = policy.thresholds(Tier.STANDARD).window();
    int maxRestarts = policy.thresholds(Tier.STANDARD).maxRestarts();
    for (Instant r : restarts) {
      assertThat(countIn(restarts, r.minus(window), r)).as("restarts in the window ending %s", r)
          .isLessThanOrEqualTo(maxRestarts);
      assertThat(countIn(restarts, r.minus(Duration.ofHours(1)), r)).as("restarts in the hour ending %s", r)
          .isLessThanOrEqualTo(SafetyEnvelope.DEFAULT.maxRestartsPerHour());
    }
    assertThat(audited).containsAll(acked.stream().filter(x -> x.action() != Action.NONE).map(Ack::id).toList());
    assertThat(acked.stream().filter(x -> x.action() == Action.RESTART).count())
        .as("every audited restart was acknowledged to one replica, and the reverse")
        .isEqualTo(restarts.size());
  }

  @Test
  void shouldKeepDecidingOnTheOtherReplicaAndLoseNothingWhenOneIsKilled() throws Exception {
    Replica victim = new Replica(0);
    Replica survivor = new Replica(0);
    List<Ack> beforeKill;
    List<Ack> afterKill;
    try {
      start(victim, survivor);
      Thread.sleep(3_000);

      victim.kill();
      beforeKill = survivor.snapshot();
      Thread.sleep(3_000);
      // one copy: the reader thread keeps appending, so two snapshot() calls can disagree in size
      List<Ack> all = survivor.snapshot();
      afterKill = all.subList(beforeKill.size(), all.size());
    } finally {
      victim.kill();
      survivor.kill();
    }

    assertThat(victim.snapshot()).as("the victim decided before it was killed").hasSizeGreaterThan(10);
    assertThat(afterKill).as("the survivor's decisions after the kill")
        .hasSizeGreaterThan(10)
        .noneMatch(x -> Reasons.STORE_UNAVAILABLE.equals(x.reason()));
    Set<String> audited = new HashSet<>();
    try (PostgresStateStore store = PostgresStateStore.open(schema.url())) {
      store.scanAudit(AuditRange.ALL, e -> audited.add(e.id()));
    }
    assertThat(audited).containsAll(victim.snapshot().stream().filter(x -> x.action() != Action.NONE).map(Ack::id).toList());
  }

  /** Waits until every replica compiled its policy, then starts them on one time base. */
  private static void start(Replica... replicas) throws Exception {
    for (Replica r : replicas) {
      assertThat(r.ready.await(120, TimeUnit.SECONDS)).as("replica started").isTrue();
    }
    long wallStart = System.currentTimeMillis();
    for (Replica r : replicas) r.go(wallStart);
  }

  private static long countIn(List<Instant> times, Instant exclusiveStart, Instant inclusiveEnd) {
    return times.stream().filter(x -> x.isAfter(exclusiveStart) && !x.isAfter(inclusiveEnd)).count();
  }
}
