package io.healguard.api.alerting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTTP layer sees of alerting: the webhook intake and the push status for
 * {@code /health}. {@code pusher} null: no Alertmanager configured.
 */
public record Alerting(AlertingConfig config, AlertPusher pusher, WebhookIntake intake) {
  /** The {@code alerting} object of {@code /health}: details only, it never makes the service unready. */
  public Map<String, Object> health() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alertmanagers", pusher == null ? List.of() : pusher.health());
    return m;
  }
}
