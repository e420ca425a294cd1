package io.healguard.api.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.UnitNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an Alertmanager webhook notification (payload version 4) as health reports: each alert
 * whose unit label names a valid unit becomes one report, {@code firing} DOWN (DEGRADED with the
 * configured label and value), {@code resolved} UP, {@code source} its alertname, {@code detail}
 * its summary, {@code observedAt} its startsAt (firing) or endsAt (resolved).
 *
 * <p>Repeated notifications: Alertmanager sends a group again at each {@code group_interval}
 * that changed it and every {@code repeat_interval}, and an HA pair or a retry after a timeout
 * delivers one notification twice. Each notification of a firing alert is one DOWN report, like
 * a watchdog saying again that the unit is still down, and the policy's thresholds count it so;
 * but the same alert (fingerprint) in the same state delivered again within the dedupe window is
 * a duplicate: acknowledged, counted, not decided. An alert without a unit, with a unit name that
 * is not valid, or with an unknown status is skipped and counted, never a 4xx for the whole
 * notification (Alertmanager would drop all of it).
 */
public final class WebhookIntake {
  /** Fingerprints remembered for the dedupe window at most. */
  static final int REMEMBERED = 10_000;
  public static final List<String> RESULTS = List.of("decided", "duplicate", "no_unit", "invalid_unit", "invalid_status");

  private final AlertingConfig.Webhook config;
  private final Clock clock;
  private final Map<String, Counter> counters = new LinkedHashMap<>();
  private final Map<String, Instant> lastTaken = new LinkedHashMap<>();

  /** One alert of the notification that became no report, and why. */
  public record Skipped(int index, String result, String detail) {}

  /** The reports to decide, in the order of the notification, and what was skipped. */
  public record Intake(List<HealthReport> reports, List<Skipped> skipped) {}

  public WebhookIntake(AlertingConfig.Webhook config, Clock clock, MeterRegistry registry) {
    this.config = config;
    this.clock = clock;
    for (String r : RESULTS) {
      counters.put(r, Counter.builder("healguard.alertmanager.webhook.alerts")
          .description("Alerts received from Alertmanager webhook notifications, by what became of them")
          .tag("result", r).register(registry));
    }
  }

  /**
   * The reports in {@code body}; throws {@link InvalidInputException} (a 400) only when the
   * notification as a whole is not one: not an object, another version, no alerts array.
   */
  public Intake read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw InvalidInputException.field("body", body == null ? null : body.getNodeType().name().toLowerCase(),
          "an Alertmanager webhook notification (a JSON object with version \"4\" and alerts)");
    }
    JsonNode version = body.get("version");
    if (version != null && !"4".equals(version.asText())) {
      throw InvalidInputException.field("version", version.asText(), "\"4\" (Alertmanager's webhook payload version)");
    }
    JsonNode alerts = body.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw InvalidInputException.field("alerts", alerts == null ? null : alerts.toString(), "an array of alerts");
    }
    List<HealthReport> reports = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    Instant now = clock.instant();
    synchronized (lastTaken) {
      forget(now);
      for (int i = 0; i < alerts.size(); i++) {
        JsonNode a = alerts.get(i);
        JsonNode labels = a.path("labels");
        String status = a.path("status").asText("");
        String unit = labels.path(config.unitLabel()).asText(null);
        String at = "alerts[" + i + "]";
        if (unit == null || unit.isEmpty()) {
          skipped.add(skip(i, "no_unit", at + " has no label " + config.unitLabel()));
          continue;
        }
        try {
          UnitNames.require(at + ".labels." + config.unitLabel(), unit);
        } catch (InvalidInputException e) {
          skipped.add(skip(i, "invalid_unit", e.getMessage()));
          continue;
        }
        HealthStatus hs = switch (status) {
          case "firing" -> config.degradedLabel() != null
              && config.degradedValue().equals(labels.path(config.degradedLabel()).asText(null))
              ? HealthStatus.DEGRADED : HealthStatus.DOWN;
          case "resolved" -> HealthStatus.UP;
          default -> null;
        };
        if (hs == null) {
          skipped.add(skip(i, "invalid_status", at + ".status is " + status + "; allowed: firing, resolved"));
          continue;
        }
        String key = fingerprint(a) + "|" + status;
        Instant last = lastTaken.get(key);
        if (last != null && !config.dedupeWindow().isZero() && now.isBefore(last.plus(config.dedupeWindow()))) {
          skipped.add(skip(i, "duplicate", at + " (" + unit + " " + status + ") was taken at " + last
              + ", within alerting.webhook.dedupe-window"));
          continue;
        }
        lastTaken.remove(key);
        lastTaken.put(key, now);
        String summary = a.path("annotations").path("summary").asText(null);
        Instant observed = instant(a.path(status.equals("resolved") ? "endsAt" : "startsAt").asText(null));
        reports.add(new HealthReport(unit, hs, observed, labels.path("alertname").asText("alertmanager"), summary));
        counters.get("decided").increment();
      }
    }
    return new Intake(reports, skipped);
  }

  private Skipped skip(int index, String result, String detail) {
    counters.get(result).increment();
    return new Skipped(index, result, detail);
  }

  /** Alertmanager's fingerprint, or the sorted labels of a sender that gives none. */
  private static String fingerprint(JsonNode a) {
    String fp = a.path("fingerprint").asText("");
    if (!fp.isEmpty()) {
      return fp;
    }
    Map<String, String> labels = new TreeMap<>();
    a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels.toString();
  }

  /** Drops what the window no longer needs; the map is in taking order, so the oldest come first. */
  private void forget(Instant now) {
    for (Iterator<Instant> it = lastTaken.values().iterator(); it.hasNext(); ) {
      Instant t = it.next();
      if (lastTaken.size() > REMEMBERED || !now.isBefore(t.plus(config.dedupeWindow()))) {
        it.remove();
      } else {
        break;
      }
    }
  }

  /** Alertmanager's times; its zero time ({@code 0001-01-01}) and anything unreadable are no time. */
  private static Instant instant(String text) {
    if (text == null || text.startsWith("0001-")) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
