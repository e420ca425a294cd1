package io.healguard.api.alerting;

import io.healguard.api.alerts.Alerts;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.policy.UnitView;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns an active alert signal into the labels and annotations people route and read: labels
 * {@code alertname} ({@code Healguard} + the signal in CamelCase), {@code unit}, {@code tier}
 * (unit alerts), {@code severity}, {@code signal}, {@code instance} and the configured static
 * labels; annotations {@code summary}, {@code description} (counters and the next allowed
 * restart), {@code recommendation} and {@code runbook_url}. Labels hold only what identifies the
 * alert (a changing counter in a label would make a new alert at each change).
 */
public final class AlertPayloads {
  private final AlertingConfig config;
  private final String instance;
  private final URI externalUrl;
  private final Function<String, Optional<UnitView>> views;

  /**
   * @param instance the {@code instance} label: this service as {@code host:port}
   * @param defaultExternalUrl for {@code generatorURL} when {@code alerting.external-url} is empty
   */
  public AlertPayloads(AlertingConfig config, String instance, URI defaultExternalUrl,
      Function<String, Optional<UnitView>> views) {
    this.config = config;
    this.instance = instance;
    this.externalUrl = config.externalUrl() == null ? defaultExternalUrl : config.externalUrl();
    this.views = views;
  }

  /** {@code CIRCUIT_OPEN} -> {@code HealguardCircuitOpen}. */
  public static String alertName(String signal) {
    StringBuilder b = new StringBuilder("Healguard");
    for (String word : signal.toLowerCase(Locale.ROOT).split("_")) {
      if (!word.isEmpty()) {
        b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return b.toString();
  }

  /** The alert as firing; {@code endsAt} is set when it is sent, {@code startsAt} is null when the signal has no since. */
  public AmAlert firing(Alerts.Alert a) {
    boolean fleet = Alerts.FLEET.equals(a.unit());
    UnitView view = fleet ? null : views.apply(a.unit()).orElse(null);
    Map<String, String> labels = new LinkedHashMap<>(config.labels());
    labels.put("alertname", alertName(a.signal()));
    labels.put("unit", a.unit());
    if (view != null) {
      labels.put("tier", view.tier().label());
    }
    labels.put("severity", a.severity());
    labels.put("signal", a.signal());
    labels.put("instance", instance);
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("summary", summary(a));
    ann.put("description", description(a, view));
    Recommendation r = a.recommendation();
    if (r != null) {
      ann.put("recommendation", r.code() + ": " + r.text());
      if (r.runbook() != null) {
        ann.put("runbook_url", runbookUrl(r.runbook()));
      }
    }
    String generator = externalUrl + (fleet ? "/api/v1/alerts"
        : "/api/v1/units/" + URLEncoder.encode(a.unit(), StandardCharsets.UTF_8));
    return new AmAlert(labels, ann, a.since(), null, generator);
  }

  String runbookUrl(String page) {
    if (config.runbookBase() == null) {
      return page;
    }
    return config.runbookBase() + "/" + (page.startsWith("/") ? page.substring(1) : page);
  }

  private static String summary(Alerts.Alert a) {
    String who = Alerts.FLEET.equals(a.unit()) ? "healguard" : a.unit();
    return switch (a.signal()) {
      case "CIRCUIT_OPEN" -> who + ": circuit OPEN, healguard restarts it no more";
      case "ESCALATED" -> who + ": escalated to a person, restarts do not fix it";
      case "FLEET_STORM" -> "healguard: fleet storm, many units failing at once, restarts paused";
      case "RUNTIME_DRIFT" -> who + ": runtime drift, restarts blocked until fixed";
      case "HOLD_ACTIVE" -> who + ": under an operator's hold";
      case "POLICY_REJECTED" -> "healguard: the last policy edit was rejected";
      case "STORE_UNAVAILABLE" -> "healguard: state store unavailable, no restart is permitted";
      default -> who + ": " + a.signal().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private static String description(Alerts.Alert a, UnitView v) {
    StringBuilder b = new StringBuilder();
    b.append("Signal ").append(a.signal()).append(" (").append(a.severity()).append(")");
    if (a.since() != null) {
      b.append(" since ").append(a.since());
    }
    b.append('.');
    if (v != null) {
      UnitSnapshot s = v.state();
      b.append(" Restarts in window: ").append(s.restartsInWindow()).append('/').append(s.maxRestarts())
          .append(" per ").append(s.window()).append("; DOWN reports: ").append(s.downCount())
          .append("; DEGRADED reports: ").append(s.degradedCount()).append("; circuit ").append(s.circuit())
          .append("; next restart allowed: ")
          .append(s.nextRestartAllowedAt() == null ? "not by time alone" : s.nextRestartAllowedAt().toString())
          .append('.');
      if (v.lastDecision() != null) {
        b.append(" Last decision: ").append(v.lastDecision().action()).append(' ').append(v.lastDecision().reason())
            .append(" by ").append(v.lastDecision().rule()).append(" at ").append(v.lastDecision().at()).append('.');
      }
      if (v.hold() != null) {
        b.append(" Hold by ").append(v.hold().actor()).append(" until ").append(v.hold().expiresAt())
            .append(": ").append(v.hold().reason()).append('.');
      }
    }
    return b.toString();
  }
}
