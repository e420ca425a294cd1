package io.healguard.api.recheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.decision.DecisionSummary;
import io.healguard.engine.decision.Hold;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.Tier;
import io.healguard.engine.policy.UnitView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which units are asked again, and when: a table of the last report and decision a unit can have
 * (the report at T, a 10s interval, the next restart allowed at T+60s unless the row says none).
 */
class RecheckDueTest {
  private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # case                                        | source            | status | input          | action   | reason                | next restart | held  | due
      first crash: below the threshold             | systemd-onfailure | DOWN   | REPORT DOWN    | NONE     | BELOW_THRESHOLD       | 0            | false | 10
      a recheck below the threshold                | healguard:recheck | DOWN   | REPORT DOWN    | NONE     | BELOW_THRESHOLD       | 0            | false | 10
      blocked by a cooldown: at its end            | systemd-onfailure | DOWN   | REPORT DOWN    | BLOCK    | COOLDOWN_ACTIVE       | 60           | false | 60
      blocked, next restart sooner than interval   | healguard:recheck | DOWN   | REPORT DOWN    | BLOCK    | COOLDOWN_ACTIVE       | 3            | false | 10
      blocked with no time (drift error)           | healguard:recheck | DOWN   | REPORT DOWN    | BLOCK    | RUNTIME_DRIFT         | -            | false | 10
      restarted: asked whether it came back        | healguard:recheck | DOWN   | REPORT DOWN    | RESTART  | RESTART_PERMITTED     | 60           | false | 10
      a drift finding decided after the crash      | systemd-onfailure | DOWN   | DRIFT WARNING  | NONE     | DRIFT_WARNING         | 0            | false | 10
      escalated: a person is paged                 | healguard:recheck | DOWN   | REPORT DOWN    | ESCALATE | CHURN_LIMIT_REACHED   | 600          | false | -
      an escalated non-transient episode           | systemd-onfailure | DOWN   | REPORT DOWN    | BLOCK    | NON_TRANSIENT_FAILURE | -            | false | -
      held                                         | systemd-onfailure | DOWN   | REPORT DOWN    | NONE     | BELOW_THRESHOLD       | 0            | true  | -
      an operator's override after the crash       | systemd-onfailure | DOWN   | OVERRIDE RESET | NONE     | MANUAL_RESET          | 0            | false | -
      a watchdog reports the unit itself           | watchdog          | DOWN   | REPORT DOWN    | NONE     | BELOW_THRESHOLD       | 0            | false | -
      reported UP                                  | healguard-report  | UP     | REPORT UP      | NONE     | HEALTHY               | 0            | false | -
      """)
  void shouldBeDueAfterTheIntervalOrTheNextRestartUnlessEnded(String name, String source, HealthStatus status,
      String input, Action action, String reason, Long nextRestartSeconds, boolean held, Long dueSeconds) {
    UnitView v = view(source, status, input, action, reason, nextRestartSeconds, held);

    Instant due = RecheckDue.dueAt(v, INTERVAL).orElse(null);

    assertThat(due).isEqualTo(dueSeconds == null ? null : T.plusSeconds(dueSeconds));
  }

  private static UnitView view(String source, HealthStatus status, String input, Action action, String reason,
      Long nextRestartSeconds, boolean held) {
    LastReport report = new LastReport(status, T, T, source, null, null, null);
    DecisionSummary decision = new DecisionSummary(T, input, action, reason, "DT-TEST-001", "v1", Recommendation.NONE);
    Instant next = nextRestartSeconds == null ? null : T.plusSeconds(nextRestartSeconds);
    UnitSnapshot state = new UnitSnapshot(CircuitState.CLOSED, null, null, null, 0, 3, "15m", false, null, 0, next,
        1, 0, null, 0);
    Hold hold = held ? new Hold("alice", "investigating", T, T.plusSeconds(3600)) : null;
    return new UnitView("api.service", Tier.STANDARD, List.of(), report, decision, state, hold, List.of(),
        Recommendation.NONE);
  }
}
