package io.healguard.api.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus' send timing, stepped by hand: no clock, no sleep. */
class ResendScheduleTest {
  static final Duration RESEND = Duration.ofMinutes(1);
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  final ResendSchedule schedule = new ResendSchedule(RESEND);
  final AmAlert circuit = alert("api.service");

  static AmAlert alert(String unit) {
    return new AmAlert(Map.of("alertname", "HealguardCircuitOpen", "unit", unit), Map.of("summary", unit + " open"),
        T0, null, "http://127.0.0.1:8080/api/v1/units/" + unit);
  }

  @Test
  void shouldSendANewAlertAtOnceWithEndsAtFourIntervalsAhead() {
    List<AmAlert> sent = schedule.due(List.of(circuit), T0);

    assertThat(sent).extracting(AmAlert::endsAt).containsExactly(T0.plus(RESEND.multipliedBy(4)));
  }

  @Test
  void shouldResendAFiringAlertEveryIntervalAndNotBetween() {
    schedule.due(List.of(circuit), T0);

    // half an interval later: nothing is due
    assertThat(schedule.due(List.of(circuit), T0.plusSeconds(30))).isEmpty();
    // one interval after the first send: sent again, its end moved on
    assertThat(schedule.due(List.of(circuit), T0.plus(RESEND))).extracting(AmAlert::endsAt)
        .containsExactly(T0.plus(RESEND).plus(RESEND.multipliedBy(4)));
  }

  @Test
  void shouldSendAClearedAlertAtOnceWithEndsAtNowAndResendItFor15Minutes() {
    schedule.due(List.of(circuit), T0);
    Instant cleared = T0.plusSeconds(10);

    List<AmAlert> atClear = schedule.due(List.of(), cleared);

    assertThat(atClear).extracting(AmAlert::endsAt).containsExactly(cleared);
    // every interval for 15 minutes the resolution is sent again, with the same end
    assertThat(schedule.due(List.of(), cleared.plus(RESEND))).extracting(AmAlert::endsAt).containsExactly(cleared);
    assertThat(schedule.due(List.of(), cleared.plus(Duration.ofMinutes(14)))).hasSize(1);
    // 15 minutes after it cleared it is forgotten
    assertThat(schedule.due(List.of(), cleared.plus(Duration.ofMinutes(15)))).isEmpty();
    assertThat(schedule.size()).isZero();
  }

  @Test
  void shouldSendAnAlertThatComesBackAfterClearingAtOnceAsANewEpisode() {
    schedule.due(List.of(circuit), T0);
    schedule.due(List.of(), T0.plusSeconds(5));

    List<AmAlert> again = schedule.due(List.of(circuit), T0.plusSeconds(6));

    assertThat(again).extracting(AmAlert::endsAt).containsExactly(T0.plusSeconds(6).plus(RESEND.multipliedBy(4)));
  }

  @Test
  void shouldTimeEachAlertOnItsOwn() {
    AmAlert other = alert("db.service");
    schedule.due(List.of(circuit), T0);

    List<AmAlert> sent = schedule.due(List.of(circuit, other), T0.plusSeconds(20));

    assertThat(sent).extracting(a -> a.labels().get("unit")).containsExactly("db.service");
  }

  @Test
  void shouldKeepTheFirstSeenTimeOfAnAlertWithoutOneOfItsOwn() {
    AmAlert noStart = circuit.startingAt(null);
    schedule.due(List.of(noStart.startingAt(schedule.firstSeen(noStart.key(), T0))), T0);

    Instant later = schedule.firstSeen(noStart.key(), T0.plusSeconds(90));

    assertThat(later).isEqualTo(T0);
  }
}
