package io.healguard.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.scenario.ScenarioClock;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.Reports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM running the engine with SIGKILL mid-stream, then opens the same data directory:
 * every acknowledged restart, block and escalation is in the audit, and the crash-looping unit is
 * still blocked (our own restart never resets its churn window or circuit).
 */
class CrashRecoveryTest {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  static final long STEP_SECONDS = 20;

  @TempDir Path data;

  record Ack(String id, Instant at, Action action, String reason) {}

  @RepeatedTest(3)
  void shouldLoseNothingAcknowledgedAndKeepBlockingAfterKill9() throws Exception {
    Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            "-Dhealguard.repo.root=" + Fixtures.repoRoot(),
            CrashDriver.class.getName(),
            data.toString(), Fixtures.bundledTables().toString(), START.toString(), String.valueOf(STEP_SECONDS))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<Ack> acks = new ArrayList<>();
    // kill somewhere after the circuit opened: mid-stream, at a random decision
    int extraAfterEscalation = ThreadLocalRandom.current().nextInt(0, 15);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      int sinceEscalation = -1;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("ACK ")) continue;
        String[] p = line.split(" ");
        Ack a = new Ack(p[1], Instant.parse(p[2]), Action.valueOf(p[3]), p[4]);
        acks.add(a);
        if (a.reason().equals("CHURN_LIMIT_REACHED")) sinceEscalation = 0;
        else if (sinceEscalation >= 0) sinceEscalation++;
        if (sinceEscalation >= extraAfterEscalation) break;
      }
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(acks).as("the child reached the churn limit before it was killed")
        .anyMatch(a -> a.reason().equals("CHURN_LIMIT_REACHED"));

    try (LocalStateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL)) {
      Set<String> audited = store.audit(new AuditQuery(null, null, null, 1000)).stream()
          .map(AuditEvent::id).collect(Collectors.toSet());
      List<String> mustBeAudited = acks.stream().filter(a -> a.action() != Action.NONE).map(Ack::id).toList();
      assertThat(audited).containsAll(mustBeAudited);

      Instant last = acks.get(acks.size() - 1).at();
      ScenarioClock clock = new ScenarioClock(last.plusSeconds(STEP_SECONDS));
      var policy = new PolicyCompiler(clock).compile(Fixtures.bundledTables());
      RecoveryEngine engine = new RecoveryEngine(() -> policy, store, clock, SafetyEnvelope.DEFAULT, List.of());
      Decision next = engine.decide(Reports.down("crashy.service"));
      assertThat(next.action()).isEqualTo(Action.BLOCK);
      assertThat(next.reason()).isEqualTo("CIRCUIT_OPEN");
      long restartsAcked = acks.stream().filter(a -> a.action() == Action.RESTART).count();
      assertThat(store.unit("crashy.service").orElseThrow().restarts()).hasSize((int) restartsAcked);
    }
  }
}
