package io.healguard.api.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.alerts.Alerts;
import io.healguard.engine.decision.Recommendation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The pusher's evaluation, stepped by hand on the calling thread: which alerts reach which
 * Alertmanager, and what a store that cannot be read does to alerts already firing.
 */
class AlertPusherTest {
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  static final Duration RESEND = Duration.ofMinutes(1);
  static final Recommendation REC = new Recommendation("INVESTIGATE_CRASH_LOOP", "Read the journal.", "runbook/alerts/CIRCUIT_OPEN.md");
  final List<Alerts.Alert> active = new CopyOnWriteArrayList<>();
  final Map<String, List<AmAlert>> received = Map.of("http://am1:9093", new ArrayList<>(), "http://am2:9093", new ArrayList<>());
  final AlertingConfig config = new AlertingConfig(
      List.of(new AlertingConfig.Target(URI.create("http://am1:9093"), null, null),
          new AlertingConfig.Target(URI.create("http://am2:9093"), null, null)),
      RESEND, null, URI.create("https://git.example.org/hg/blob/main"), Map.of("team", "ops"), null);
  final AlertPusher pusher = new AlertPusher(config, () -> {
    if (active.stream().anyMatch(a -> a.signal().equals("BOOM"))) {
      throw new IllegalStateException("store read failed");
    }
    return List.copyOf(active);
  }, new AlertPayloads(config, "hg:8080", URI.create("http://127.0.0.1:8080"), unit -> Optional.empty()),
      Clock.fixed(T0, ZoneOffset.UTC), new SimpleMeterRegistry(), t -> batch -> {
        received.get(t.name()).addAll(batch);
        return AlertmanagerClient.Result.OK;
      });

  static Alerts.Alert circuitOpen(String unit) {
    return new Alerts.Alert(unit, "CIRCUIT_OPEN", "critical", T0.minusSeconds(5), REC);
  }

  void step(Instant at) {
    pusher.evaluate(at);
    pusher.sendNow(at);
  }

  @Test
  void shouldSendEveryAlertToEveryAlertmanager() {
    active.add(circuitOpen("api.service"));

    step(T0);

    assertThat(received.get("http://am1:9093")).hasSize(1).isEqualTo(received.get("http://am2:9093"));
    AmAlert a = received.get("http://am1:9093").get(0);
    assertThat(a.labels()).containsEntry("alertname", "HealguardCircuitOpen").containsEntry("team", "ops")
        .containsEntry("instance", "hg:8080").containsEntry("signal", "CIRCUIT_OPEN");
    assertThat(a.annotations()).containsEntry("runbook_url", "https://git.example.org/hg/blob/main/runbook/alerts/CIRCUIT_OPEN.md")
        .containsEntry("recommendation", "INVESTIGATE_CRASH_LOOP: Read the journal.");
    assertThat(a.startsAt()).isEqualTo(T0.minusSeconds(5));
    assertThat(a.generatorUrl()).isEqualTo("http://127.0.0.1:8080/api/v1/units/api.service");
  }

  @Test
  void shouldKeepFiringAlertsFiringWhileTheStoreCannotBeRead() {
    active.add(circuitOpen("api.service"));
    step(T0);
    active.add(new Alerts.Alert("fleet", "BOOM", "critical", null, null));

    // a resend interval later the state cannot be read: the circuit alert is re-sent as firing
    step(T0.plus(RESEND));

    List<AmAlert> second = received.get("http://am1:9093").subList(1, received.get("http://am1:9093").size());
    assertThat(second).extracting(x -> x.labels().get("alertname"), AmAlert::endsAt).contains(
        org.assertj.core.groups.Tuple.tuple("HealguardCircuitOpen", T0.plus(RESEND).plus(RESEND.multipliedBy(4))),
        org.assertj.core.groups.Tuple.tuple("HealguardStoreUnavailable", T0.plus(RESEND).plus(RESEND.multipliedBy(4))));
  }

  @Test
  void shouldNameAnAlertHealguardAndItsSignalInCamelCase() {
    assertThat(List.of(AlertPayloads.alertName("CIRCUIT_OPEN"), AlertPayloads.alertName("NON_TRANSIENT_FAILURE"),
        AlertPayloads.alertName("ESCALATED"))).containsExactly("HealguardCircuitOpen", "HealguardNonTransientFailure",
        "HealguardEscalated");
  }

  @Test
  void shouldGiveAFleetAlertNoTierAndTheAlertsPageAsGenerator() {
    active.add(new Alerts.Alert("fleet", "FLEET_STORM", "critical", T0, REC));

    step(T0);

    AmAlert a = received.get("http://am2:9093").get(0);
    assertThat(a.labels()).containsEntry("unit", "fleet").doesNotContainKey("tier");
    assertThat(a.generatorUrl()).endsWith("/api/v1/alerts");
  }
}
