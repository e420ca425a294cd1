package io.healguard.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counting, keeping and forgetting disagreements between the live and the shadow policy. */
class ShadowRecorderTest {
  MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  List<String> metrics = new ArrayList<>();
  ShadowRecorder recorder = new ShadowRecorder(clock, 2, Duration.ofSeconds(10), new ShadowRecorder.Metrics() {
    @Override public void compared() {
      metrics.add("compared");
    }

    @Override public void disagreed(Action live, Action shadow) {
      metrics.add(live + ">" + shadow);
    }
  });

  private ShadowCase shadowCase(String unit, Action live, String liveReason, Action shadow, String shadowReason, String candidate) {
    Decision d = new Decision("id-" + unit, clock.instant(), unit, "REPORT DOWN", live, liveReason, "DT-GATES-024",
        "live-version", Recommendation.NONE, null);
    Verdict v = new Verdict(shadow, shadowReason, "WATCH_RECOVERY", "text", "runbook/x.md", "DT-GATES-026");
    return new ShadowCase(d, Map.of("kind", "REPORT", "unit", unit, "status", "DOWN"), new Situation(), candidate,
        new Situation(), v);
  }

  @Test
  void shouldCountComparedDecisionsAndKeepOnlyDisagreementsWithBothRows() {
    recorder.onDecision(shadowCase("a.service", Action.NONE, "HEALTHY", Action.NONE, "HEALTHY", "v1"));
    recorder.onDecision(shadowCase("b.service", Action.ESCALATE, "CHURN_LIMIT_REACHED", Action.RESTART, "RESTART_PERMITTED", "v1"));

    ShadowRecorder.Summary s = recorder.summary();

    assertThat(s.shadowVersion()).isEqualTo("v1");
    assertThat(s.compared()).isEqualTo(2);
    assertThat(s.disagreements()).isEqualTo(1);
    assertThat(s.byAction()).containsExactly(new ShadowRecorder.ActionPair(Action.ESCALATE, Action.RESTART, 1));
    ShadowRecorder.Disagreement d = s.latest().get(0);
    assertThat(d.unit()).isEqualTo("b.service");
    assertThat(d.live().row()).isEqualTo("DT-GATES-024");
    assertThat(d.shadow().row()).isEqualTo("DT-GATES-026");
    assertThat(d.shadow().policyVersion()).isEqualTo("v1");
    assertThat(metrics).containsExactly("compared", "compared", "ESCALATE>RESTART");
  }

  @Test
  void shouldTreatTheSameActionForAnotherReasonAsADisagreement() {
    recorder.onDecision(shadowCase("a.service", Action.BLOCK, "COOLDOWN_ACTIVE", Action.BLOCK, "SAFETY_ENVELOPE", "v1"));

    ShadowRecorder.Summary s = recorder.summary();

    assertThat(s.disagreements()).isEqualTo(1);
  }

  @Test
  void shouldKeepTheLatestDisagreementsNewestFirst() {
    for (String unit : List.of("a.service", "b.service", "c.service")) {
      clock.advance(Duration.ofSeconds(1)); // one disagreement a second
      recorder.onDecision(shadowCase(unit, Action.ESCALATE, "CHURN_LIMIT_REACHED", Action.RESTART, "RESTART_PERMITTED", "v1"));
    }

    ShadowRecorder.Summary s = recorder.summary();

    assertThat(s.disagreements()).isEqualTo(3);
    assertThat(s.latest()).extracting(ShadowRecorder.Disagreement::unit).containsExactly("c.service", "b.service");
  }

  @Test
  void shouldStartCountingAgainWhenTheCandidateChanges() {
    recorder.onDecision(shadowCase("a.service", Action.ESCALATE, "CHURN_LIMIT_REACHED", Action.RESTART, "RESTART_PERMITTED", "v1"));
    clock.advance(Duration.ofMinutes(5)); // the operator edits the candidate

    recorder.onDecision(shadowCase("a.service", Action.NONE, "HEALTHY", Action.NONE, "HEALTHY", "v2"));

    ShadowRecorder.Summary s = recorder.summary();
    assertThat(s.shadowVersion()).isEqualTo("v2");
    assertThat(s.since()).isEqualTo(clock.instant());
    assertThat(s.compared()).isEqualTo(1);
    assertThat(s.disagreements()).isZero();
    assertThat(s.latest()).isEmpty();
  }
}
