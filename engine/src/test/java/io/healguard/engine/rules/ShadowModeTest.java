package io.healguard.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.Healguard;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import io.healguard.engine.testing.Reports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine asks the shadow candidate every live question with facts under the candidate's own
 * thresholds, and nothing the candidate says reaches state, audit or answer.
 */
class ShadowModeTest {
  @TempDir Path tmp;
  MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  Healguard shadowed;
  Healguard plain;
  ShadowRecorder recorder = new ShadowRecorder(clock, 10, Duration.ofSeconds(10), null);

  @BeforeEach
  void open() throws Exception {
    Path live = PolicyTables.copyBundled(tmp.resolve("live"));
    Path candidate = PolicyTables.copyBundled(tmp.resolve("candidate"));
    PolicyTables.setCell(candidate.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");
    shadowed = Healguard.open(live, LocalStateStore.memory(), clock, SafetyEnvelope.DEFAULT, List.of());
    shadowed.shadow(new ShadowPolicy(candidate, clock), recorder);
    plain = Healguard.open(live, LocalStateStore.memory(), clock, SafetyEnvelope.DEFAULT, List.of());
  }

  @AfterEach
  void close() {
    shadowed.close();
    plain.close();
  }

  /** Four rounds of three DOWN reports, each round past the cooldown of the restart before. */
  private Decision crashLoop(Healguard hg, String unit) {
    Decision d = null;
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 3; i++) {
        d = hg.engine().decide(Reports.down(unit));
      }
      clock.advance(Duration.ofMinutes(4)); // past the cooldown of the restart just made
    }
    return d;
  }

  @Test
  void shouldRecordWhereTheCandidateWouldRestartWhileLiveEscalatesTheChurnLimit() {
    Decision last = crashLoop(shadowed, "api.service");

    ShadowRecorder.Summary s = recorder.summary();

    assertThat(last.action()).isEqualTo(Action.ESCALATE);
    assertThat(last.reason()).isEqualTo("CHURN_LIMIT_REACHED");
    assertThat(s.compared()).isEqualTo(12);
    assertThat(s.disagreements()).isEqualTo(1);
    ShadowRecorder.Disagreement d = s.latest().get(0);
    assertThat(d.live()).extracting(ShadowRecorder.Side::action, ShadowRecorder.Side::reason, ShadowRecorder.Side::row)
        .containsExactly(Action.ESCALATE, "CHURN_LIMIT_REACHED", "DT-GATES-024");
    assertThat(d.shadow()).extracting(ShadowRecorder.Side::action, ShadowRecorder.Side::reason, ShadowRecorder.Side::row)
        .containsExactly(Action.RESTART, "RESTART_PERMITTED", "DT-GATES-026");
    assertThat(d.shadow().policyVersion()).isEqualTo(shadowed.shadowPolicy().current().version());
    assertThat(d.input()).containsEntry("status", "DOWN");
  }

  @Test
  void shouldLeaveStateAndAuditExactlyAsWithoutShadow() {
    Decision withShadow = crashLoop(shadowed, "api.service");
    clock.set(java.time.Instant.parse("2026-03-01T12:00:00Z")); // the same loop again from the same start
    Decision without = crashLoop(plain, "api.service");

    assertThat(withShadow.state()).isEqualTo(without.state());
    assertThat(withShadow.state().restartsInWindow()).isEqualTo(3);
    assertThat(types(shadowed)).isEqualTo(types(plain));
  }

  @Test
  void shouldCompareNothingWhileTheCandidateFailsTheGate() throws Exception {
    Path broken = PolicyTables.copyBundled(tmp.resolve("broken"));
    PolicyTables.setCell(broken.resolve("thresholds.xlsx"), "DT-THRESHOLDS-001", "maxRestarts", "0");
    ShadowPolicy candidate = new ShadowPolicy(broken, clock);
    shadowed.shadow(candidate, recorder);

    Decision d = shadowed.engine().decide(Reports.down("api.service"));

    assertThat(d.action()).isEqualTo(Action.NONE);
    assertThat(candidate.current()).isNull();
    assertThat(candidate.lastRejected().problems()).extracting(PolicyProblem::toString).anyMatch(p -> p.contains("maxRestarts"));
    assertThat(recorder.summary().compared()).isZero();
  }

  private static List<String> types(Healguard hg) {
    return hg.store().audit(AuditQuery.latest(100)).stream().map(AuditEvent::type).map(Enum::name).toList();
  }
}
