package io.healguard.api.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.healguard.api.testing.TestClock;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alertmanager webhook notifications (version 4) read as reports; duplicates by fingerprint and state. */
class WebhookIntakeTest {
  final TestClock clock = new TestClock();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final WebhookIntake intake = new WebhookIntake(AlertingConfig.Webhook.DEFAULT, clock, registry);

  static JsonNode notification(String... alerts) {
    return Json.read("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"healguard\",\"alerts\":["
        + String.join(",", alerts) + "]}", JsonNode.class);
  }

  static String alert(String status, String fingerprint, String labels) {
    return "{\"status\":\"" + status + "\",\"labels\":{" + labels + "},\"annotations\":{\"summary\":\"probe failed\"},"
        + "\"startsAt\":\"2026-12-02T10:00:00.000Z\",\"endsAt\":\"" + (status.equals("resolved") ? "2026-12-02T10:05:00Z" : "0001-01-01T00:00:00Z")
        + "\",\"fingerprint\":\"" + fingerprint + "\"}";
  }

  double counted(String result) {
    return registry.get("healguard.alertmanager.webhook.alerts").tag("result", result).counter().count();
  }

  @Test
  void shouldReadFiringAsDownWarningAsDegradedAndResolvedAsUp() {
    WebhookIntake.Intake in = intake.read(notification(
        alert("firing", "a1", "\"alertname\":\"ProbeFailure\",\"unit\":\"web.service\",\"severity\":\"critical\""),
        alert("firing", "a2", "\"alertname\":\"SlowProbe\",\"unit\":\"api.service\",\"severity\":\"warning\""),
        alert("resolved", "a3", "\"alertname\":\"ProbeFailure\",\"unit\":\"db.service\"")));

    assertThat(in.reports()).extracting(HealthReport::unit, HealthReport::status, HealthReport::source, HealthReport::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web.service", HealthStatus.DOWN, "ProbeFailure", "probe failed"),
            org.assertj.core.groups.Tuple.tuple("api.service", HealthStatus.DEGRADED, "SlowProbe", "probe failed"),
            org.assertj.core.groups.Tuple.tuple("db.service", HealthStatus.UP, "ProbeFailure", "probe failed"));
    assertThat(in.reports().get(0).observedAt()).hasToString("2026-12-02T10:00:00Z");
    assertThat(in.reports().get(2).observedAt()).hasToString("2026-12-02T10:05:00Z");
  }

  @Test
  void shouldSkipAndCountAlertsWithoutAValidUnitInsteadOfRefusingTheNotification() {
    WebhookIntake.Intake in = intake.read(notification(
        alert("firing", "b1", "\"alertname\":\"NodeDown\",\"instance\":\"host:9100\""),
        alert("firing", "b2", "\"alertname\":\"ProbeFailure\",\"unit\":\"not a unit\""),
        alert("firing", "b3", "\"alertname\":\"ProbeFailure\",\"unit\":\"web.service\"")));

    assertThat(in.reports()).extracting(HealthReport::unit).containsExactly("web.service");
    assertThat(in.skipped()).extracting(WebhookIntake.Skipped::index, WebhookIntake.Skipped::result)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "no_unit"), org.assertj.core.groups.Tuple.tuple(1, "invalid_unit"));
    assertThat(List.of(counted("no_unit"), counted("invalid_unit"), counted("decided"))).containsExactly(1.0, 1.0, 1.0);
  }

  @Test
  void shouldTakeTheSameFiringAlertOncePerDedupeWindow() {
    JsonNode n = notification(alert("firing", "c1", "\"alertname\":\"ProbeFailure\",\"unit\":\"web.service\""));
    intake.read(n);

    // an HA peer or a retry delivers it again 10 s later: a duplicate
    clock.advance(Duration.ofSeconds(10));
    WebhookIntake.Intake again = intake.read(n);
    // Alertmanager's next repeat, past the window: the unit is still down, one more DOWN report
    clock.advance(AlertingConfig.Webhook.DEFAULT_DEDUPE);
    WebhookIntake.Intake repeat = intake.read(n);

    assertThat(again.reports()).isEmpty();
    assertThat(again.skipped()).extracting(WebhookIntake.Skipped::result).containsExactly("duplicate");
    assertThat(repeat.reports()).hasSize(1);
  }

  @Test
  void shouldTakeTheResolutionOfAnAlertJustTakenAsFiring() {
    intake.read(notification(alert("firing", "d1", "\"alertname\":\"ProbeFailure\",\"unit\":\"web.service\"")));

    WebhookIntake.Intake resolved = intake.read(notification(alert("resolved", "d1", "\"alertname\":\"ProbeFailure\",\"unit\":\"web.service\"")));

    assertThat(resolved.reports()).extracting(HealthReport::status).containsExactly(HealthStatus.UP);
  }

  @Test
  void shouldRefuseABodyThatIsNoVersion4Notification() {
    assertThatThrownBy(() -> intake.read(Json.read("{\"version\":\"3\",\"alerts\":[]}", JsonNode.class)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("version").hasMessageContaining("\"4\"");
    assertThatThrownBy(() -> intake.read(Json.read("{\"version\":\"4\"}", JsonNode.class)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("alerts");
  }
}
