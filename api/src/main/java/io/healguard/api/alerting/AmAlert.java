package io.healguard.api.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's API v2 takes it ({@code postableAlert}): identified by its labels,
 * described by its annotations; {@code endsAt} in the past or now means resolved.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AmAlert(
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    @JsonProperty("generatorURL") String generatorUrl) {
  public AmAlert {
    // sorted: the same alert gives the same key and the same JSON on every send
    labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** What identifies the alert in Alertmanager: its label set. */
  public String key() {
    return labels.toString();
  }

  public AmAlert startingAt(Instant start) {
    return new AmAlert(labels, annotations, start, endsAt, generatorUrl);
  }

  public AmAlert endingAt(Instant end) {
    return new AmAlert(labels, annotations, startsAt, end, generatorUrl);
  }
}
