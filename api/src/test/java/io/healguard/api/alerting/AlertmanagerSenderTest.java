package io.healguard.api.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry, backoff and the latest-state queue of one Alertmanager, against a stand-in that answers as told. */
class AlertmanagerSenderTest {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<List<AmAlert>> posted = new ArrayList<>();
  AlertmanagerClient.Result answer = AlertmanagerClient.Result.OK;
  final AlertmanagerSender sender = new AlertmanagerSender(
      new AlertingConfig.Target(URI.create("http://127.0.0.1:9093"), null, null), batch -> {
        posted.add(batch);
        return answer;
      }, Duration.ofSeconds(30), registry);

  static AmAlert alert(String unit, String summary) {
    return new AmAlert(Map.of("alertname", "HealguardCircuitOpen", "unit", unit), Map.of("summary", summary), T0, T0, null);
  }

  double sends(String result) {
    return registry.get("healguard.alertmanager.sends").tag("result", result).counter().count();
  }

  @Test
  void shouldCountEveryResultFromZeroBeforeAnySend() {
    assertThat(List.of(sends("success"), sends("failure"), sends("rejected"))).containsExactly(0.0, 0.0, 0.0);
  }

  @Test
  void shouldRetryAfterABackoffThatDoublesUpToItsCap() {
    answer = new AlertmanagerClient.Result(false, true, "connection refused");
    sender.enqueue(alert("api.service", "open"));
    sender.attempt(T0);

    // within the first backoff (1s) nothing is tried
    sender.attempt(T0.plusMillis(900));
    assertThat(posted).hasSize(1);
    // after it, tried again; the second backoff is 2s
    sender.attempt(T0.plusSeconds(1));
    sender.attempt(T0.plusSeconds(2));
    assertThat(posted).hasSize(2);
    assertThat(List.of(sender.backoff(1), sender.backoff(3), sender.backoff(10)))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(30));
    assertThat(sends("failure")).isEqualTo(2.0);
    assertThat(sender.status().state()).isEqualTo("failing");
  }

  @Test
  void shouldSendOnlyTheLatestStateOfAnAlertAfterAnOutage() {
    answer = new AlertmanagerClient.Result(false, true, "connection refused");
    sender.enqueue(alert("api.service", "first"));
    sender.attempt(T0);
    sender.enqueue(alert("api.service", "second"));
    answer = AlertmanagerClient.Result.OK;

    sender.attempt(T0.plusSeconds(1));

    assertThat(posted.get(1)).extracting(a -> a.annotations().get("summary")).containsExactly("second");
    assertThat(sender.status().state()).isEqualTo("ok");
  }

  @Test
  void shouldDropABatchAlertmanagerRejectsInsteadOfRetryingIt() {
    answer = new AlertmanagerClient.Result(false, false, "HTTP 400: bad label");
    sender.enqueue(alert("api.service", "open"));

    sender.attempt(T0);

    assertThat(sender.status().queued()).isZero();
    assertThat(sends("rejected")).isEqualTo(1.0);
  }

  @Test
  void shouldDropTheOldestWaitingAlertWhenTheQueueIsFull() {
    LatestQueue q = new LatestQueue(2);
    q.put(alert("a.service", "a"));
    q.put(alert("b.service", "b"));

    q.put(alert("c.service", "c"));

    assertThat(q.take(10)).extracting(a -> a.labels().get("unit")).containsExactly("b.service", "c.service");
    assertThat(q.dropped()).isEqualTo(1);
  }
}
