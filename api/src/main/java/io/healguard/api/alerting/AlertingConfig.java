package io.healguard.api.alerting;

import io.healguard.engine.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerting.*} settings, validated. {@code alertmanagers} empty: nothing is pushed.
 * {@code externalUrl} null: the service's own listen address is used for {@code generatorURL}.
 * {@code runbookBase} null: {@code runbook_url} is the repository path the decision names.
 */
public record AlertingConfig(
    List<Target> alertmanagers,
    Duration resendInterval,
    URI externalUrl,
    URI runbookBase,
    Map<String, String> labels,
    Webhook webhook) {
  public static final Duration DEFAULT_RESEND = Duration.ofMinutes(1);
  public static final AlertingConfig OFF = new AlertingConfig(List.of(), DEFAULT_RESEND, null, null, Map.of(),
      Webhook.DEFAULT);

  public AlertingConfig {
    alertmanagers = List.copyOf(alertmanagers);
    labels = Map.copyOf(labels);
    resendInterval = resendInterval == null ? DEFAULT_RESEND : resendInterval;
    webhook = webhook == null ? Webhook.DEFAULT : webhook;
  }

  /**
   * One Alertmanager: its base URL (the part before {@code /api/v2}), an optional file holding the
   * bearer token (read at each send, so a rotated token needs no restart) and an optional PEM CA
   * file trusted for its TLS certificate instead of the JVM's trust store.
   */
  public record Target(URI url, Path bearerTokenFile, Path caFile) {
    public Target {
      if (url == null || url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
          || url.getHost() == null) {
        throw InvalidInputException.field("alerting.alertmanagers[].url", String.valueOf(url),
            "an http:// or https:// base URL such as http://127.0.0.1:9093");
      }
    }

    /** The base URL without a trailing slash, as metrics and {@code /health} name it. */
    public String name() {
      String s = url.toString();
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }

  /**
   * How {@code POST /api/v1/integrations/alertmanager} reads a notification: the label naming
   * the unit, the label and value that make a firing alert DEGRADED instead of DOWN
   * ({@code degradedLabel} null: every firing alert is DOWN), and the window within which a
   * second delivery of the same alert in the same state is a duplicate, not a new report
   * ({@link Duration#ZERO}: every delivery is a report).
   */
  public record Webhook(String unitLabel, String degradedLabel, String degradedValue, Duration dedupeWindow) {
    public static final Duration DEFAULT_DEDUPE = Duration.ofMinutes(1);
    public static final Webhook DEFAULT = new Webhook("unit", "severity", "warning", DEFAULT_DEDUPE);

    public Webhook {
      unitLabel = unitLabel == null || unitLabel.isBlank() ? "unit" : unitLabel;
      dedupeWindow = dedupeWindow == null ? DEFAULT_DEDUPE : dedupeWindow;
    }
  }
}
