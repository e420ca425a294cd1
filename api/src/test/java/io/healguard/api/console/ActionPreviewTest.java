package io.healguard.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.decision.Hold;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.health.Tier;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import io.healguard.engine.policy.UnitView;
import io.healguard.engine.rules.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The words of an action's preview, computed from the unit's state and its tier's thresholds row:
 * each test builds the state the sentence depends on and compares the whole sentence, so a part
 * of the preview that stops being computed (or is computed from the wrong number) fails here.
 */
class ActionPreviewTest {
  private static final Instant NOW = Instant.parse("2026-12-02T14:02:00Z");
  private static final Thresholds STANDARD = new Thresholds(Tier.STANDARD, 3, Duration.ofSeconds(30),
      Duration.ofMinutes(5), 4, Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofHours(1),
      Duration.ofMinutes(10), "DT-THRESHOLDS-002");

  @Test
  void shouldSayAHoldBlocksEveryRestartUntilItsEndAndHowManyDownReportsArePending() {
    UnitView v = view(closed(2, 1), null);

    ActionPreview.Preview p = ActionPreview.of(v, STANDARD, override(OverrideMode.HOLD, Duration.ofMinutes(30)), NOW);

    assertThat(p.text()).isEqualTo("Blocks every policy restart of api.service until 14:32:00 UTC (30m from now); "
        + "2 DOWN reports are pending (3 in a row ask for a restart, row DT-THRESHOLDS-002). "
        + "An operator's force restart still goes through.");
    assertThat(p.until()).isEqualTo(Instant.parse("2026-12-02T14:32:00Z"));
    assertThat(p.thresholdsRow()).isEqualTo("DT-THRESHOLDS-002");
  }

  @Test
  void shouldSayAHoldReplacesTheHoldInForce() {
    UnitView v = view(closed(1, 0), hold("bob", "disk swap", NOW.plusSeconds(600)));

    String text = ActionPreview.of(v, STANDARD, override(OverrideMode.HOLD, Duration.ofHours(2)), NOW).text();

    assertThat(text).isEqualTo("Blocks every policy restart of api.service until 16:02:00 UTC (2h from now); "
        + "1 DOWN report is pending (3 in a row ask for a restart, row DT-THRESHOLDS-002). "
        + "It replaces the hold by bob that ends at 14:12:00 UTC. An operator's force restart still goes through.");
  }

  @Test
  void shouldLeaveTheThresholdsOutOfAHoldWhenTheTierHasNoRow() {
    UnitView v = view(closed(2, 0), null);

    ActionPreview.Preview p = ActionPreview.of(v, null, override(OverrideMode.HOLD, Duration.ofMinutes(30)), NOW);

    assertThat(p.text()).isEqualTo("Blocks every policy restart of api.service until 14:32:00 UTC (30m from now); "
        + "2 DOWN reports are pending. An operator's force restart still goes through.");
    assertThat(p.thresholdsRow()).isNull();
  }

  @Test
  void shouldSayAReleaseWithoutAnActiveHoldChangesNothing() {
    // a hold that ended a minute ago is no hold
    UnitView v = view(closed(0, 0), hold("bob", "disk swap", NOW.minusSeconds(60)));

    ActionPreview.Preview p = ActionPreview.of(v, STANDARD, override(OverrideMode.RELEASE, null), NOW);

    assertThat(p.text()).isEqualTo("There is no active hold on api.service: releasing changes nothing.");
    assertThat(p.until()).isNull();
  }

  @Test
  void shouldSayAReleaseLiftsTheHoldAndWhatStillBlocksARestart() {
    UnitSnapshot open = new UnitSnapshot(CircuitState.OPEN, NOW.minusSeconds(60), NOW.plusSeconds(840), null, 4, 4,
        "10m", true, NOW.plusSeconds(25), 2, NOW.plusSeconds(840), 3, 0, NOW.plusSeconds(300), 1);
    UnitView v = view(open, hold("alice", "reading the journal", NOW.plusSeconds(300)));

    String text = ActionPreview.of(v, STANDARD, override(OverrideMode.RELEASE, null), NOW).text();

    assertThat(text).isEqualTo("Lifts the hold by alice (\"reading the journal\") that blocks restarts of api.service "
        + "until 14:07:00 UTC; policy restarts resume: 3 DOWN reports are pending (3 in a row ask for a restart, "
        + "row DT-THRESHOLDS-002); still in the way: the OPEN circuit until 14:16:00 UTC, "
        + "the cooldown until 14:02:25 UTC, 1 drift error.");
  }

  @Test
  void shouldSayAResetClearsTheCountsAndClosesAnOpenCircuit() {
    UnitSnapshot open = new UnitSnapshot(CircuitState.OPEN, NOW.minusSeconds(60), NOW.plusSeconds(840), null, 4, 4,
        "10m", false, null, 2, NOW.plusSeconds(840), 1, 0, null, 0);

    String text = ActionPreview.of(view(open, null), STANDARD, override(OverrideMode.RESET, null), NOW).text();

    assertThat(text).isEqualTo("Clears 4 restarts in the 10m window (of 4 allowed), 1 counted DOWN report and "
        + "backoff step 2, and closes the OPEN circuit of api.service. A hold, if any, stays.");
  }

  @Test
  void shouldSayAResetOfAClosedCircuitLeavesTheCircuitAlone() {
    String text = ActionPreview.of(view(closed(0, 1), null), STANDARD, override(OverrideMode.RESET, null), NOW).text();

    assertThat(text).isEqualTo("Clears 1 restart in the 10m window (of 4 allowed), 0 counted DOWN reports and "
        + "backoff step 0 of api.service. A hold, if any, stays.");
  }

  /** The console's manual restart previews as a force restart: both go through the executor past the gates. */
  @Test
  void shouldSayAForceOrManualRestartGoesPastTheHoldAndCooldownAndCountsAgainstTheMaximum() {
    UnitSnapshot cooling = new UnitSnapshot(CircuitState.CLOSED, null, null, null, 3, 4, "10m", true,
        NOW.plusSeconds(45), 1, NOW.plusSeconds(45), 0, 0, NOW.plusSeconds(1800), 0);
    UnitView v = view(cooling, hold("bob", "disk swap", NOW.plusSeconds(1800)));

    String text = ActionPreview.of(v, STANDARD, override(OverrideMode.FORCE_RESTART, null), NOW).text();

    assertThat(text).isEqualTo("Restarts api.service now through the executor, past the hold by bob until "
        + "14:32:00 UTC, the cooldown until 14:02:45 UTC. It counts as restart 4 of 4 allowed in 10m: "
        + "the standard tier's maximum (row DT-THRESHOLDS-002).");
  }

  @Test
  void shouldSayAForceRestartBelowTheMaximumWithNothingInTheWay() {
    String text = ActionPreview.of(view(closed(0, 0), null), STANDARD, override(OverrideMode.FORCE_RESTART, null), NOW)
        .text();

    assertThat(text).isEqualTo("Restarts api.service now through the executor. It counts as restart 1 of 4 allowed "
        + "in 10m (row DT-THRESHOLDS-002).");
  }

  private static UnitSnapshot closed(int downCount, int restarts) {
    return new UnitSnapshot(CircuitState.CLOSED, null, null, null, restarts, 4, "10m", false, null, 0, NOW,
        downCount, 0, null, 0);
  }

  private static Hold hold(String actor, String reason, Instant until) {
    return new Hold(actor, reason, NOW.minusSeconds(120), until);
  }

  private static UnitView view(UnitSnapshot s, Hold hold) {
    return new UnitView("api.service", Tier.STANDARD, List.of("postgresql.service"), null, null, s, hold, List.of(), null);
  }

  private static Input.OperatorOverride override(OverrideMode mode, Duration ttl) {
    return new Input.OperatorOverride("api.service", mode, "alice", "checking", ttl);
  }
}
