package io.healguard.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.cause.CauseJson;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.Tier;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.json.Durations;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.DriftSeverity;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the scenario YAML. Every error names the step (number and offset) and the field, and the
 * whole file is checked before anything runs, so a malformed scenario prints no decision.
 *
 * <p>A step may repeat: {@code repeat: 5, every: 30s} stands for five steps 30 s apart (the
 * expectation, if any, applies to each).
 */
public final class ScenarioParser {
  private static final Set<String> TOP = Set.of("name", "start", "units", "steps", "safety_max_restarts_per_hour");
  private static final Set<String> STEP_KEYS =
      Set.of("at", "report", "override", "drift", "drift_clear", "expect", "repeat", "every");
  private static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private ScenarioParser() {}

  public static Scenario parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidInputException("scenario " + file + ": cannot read: " + e.getMessage());
    }
    try {
      return parse(file.getFileName().toString(), text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("scenario " + file + ": " + e.getMessage(), e);
    }
  }

  public static Scenario parse(String name, String yaml) {
    JsonNode root;
    try {
      root = Json.YAML.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidInputException("not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("must be a YAML mapping with units and steps");
    }
    unknownKeys("scenario", root, TOP);
    Instant start = DEFAULT_START;
    if (root.hasNonNull("start")) {
      try {
        start = Instant.parse(root.get("start").asText());
      } catch (DateTimeParseException e) {
        throw InvalidInputException.field("start", root.get("start").asText(), "an ISO-8601 UTC time such as 2026-01-01T00:00:00Z");
      }
    }
    List<UnitProfile> units = new ArrayList<>();
    JsonNode us = root.path("units");
    for (int i = 0; i < us.size(); i++) {
      JsonNode u = us.get(i);
      String where = "units[" + i + "]";
      unknownKeys(where, u, Set.of("name", "tier", "depends_on"));
      List<String> deps = new ArrayList<>();
      u.path("depends_on").forEach(d -> deps.add(d.asText()));
      units.add(new UnitProfile(text(u, "name", where), Tier.parse(where + ".tier", u.path("tier").asText(null)), deps));
    }
    JsonNode ss = root.path("steps");
    if (!ss.isArray() || ss.isEmpty()) {
      throw new InvalidInputException("steps must be a non-empty list");
    }
    List<Step> steps = new ArrayList<>();
    Duration last = Duration.ZERO;
    for (int i = 0; i < ss.size(); i++) {
      JsonNode s = ss.get(i);
      int number = i + 1;
      String where = "step " + number + (s.hasNonNull("at") ? " (at " + s.get("at").asText() + ")" : "");
      try {
        unknownKeys("step", s, STEP_KEYS);
        Duration at = Durations.parse("at", s.path("at").asText(null));
        if (at.compareTo(last) < 0) {
          throw new InvalidInputException("at must not go back in time: the previous step was at " + Durations.format(last));
        }
        Input input = input(s);
        Map<String, String> expect = new LinkedHashMap<>();
        if (s.has("expect")) {
          Iterator<Map.Entry<String, JsonNode>> it = s.get("expect").fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            expect.put(e.getKey(), e.getValue().asText());
          }
        }
        int repeat = s.path("repeat").asInt(1);
        if (repeat < 1 || repeat > 10_000) {
          throw InvalidInputException.field("repeat", s.path("repeat").asText(), "between 1 and 10000");
        }
        Duration every = s.has("every") ? Durations.parse("every", s.get("every").asText()) : Duration.ZERO;
        if (repeat > 1 && every.isZero()) {
          throw InvalidInputException.field("every", s.path("every").asText(null), "a duration when repeat > 1");
        }
        for (int r = 0; r < repeat; r++) {
          steps.add(new Step(number, at.plus(every.multipliedBy(r)), input, expect));
        }
        last = at.plus(every.multipliedBy(repeat - 1));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new InvalidInputException(where + ": " + e.getMessage(), e);
      }
    }
    Integer envelope = null;
    if (root.has("safety_max_restarts_per_hour")) {
      envelope = root.get("safety_max_restarts_per_hour").asInt(0);
      new io.healguard.engine.policy.SafetyEnvelope(envelope);
    }
    return new Scenario(root.path("name").asText(name), start, units, steps, envelope);
  }

  private static Input input(JsonNode s) {
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("report", "override", "drift", "drift_clear")) {
      if (s.has(k)) kinds.add(k);
    }
    if (kinds.size() != 1) {
      throw new InvalidInputException(
          "needs exactly one of report, override, drift, drift_clear, but has " + (kinds.isEmpty() ? "none" : kinds));
    }
    String kind = kinds.get(0);
    JsonNode n = s.get(kind);
    switch (kind) {
      case "report" -> {
        unknownKeys("report", n, Set.of("unit", "status", "detail", "source", "observedAt", "cause"));
        Instant observed = n.hasNonNull("observedAt") ? Instant.parse(n.get("observedAt").asText()) : null;
        return new Input.Report(new HealthReport(text(n, "unit", "report"),
            HealthStatus.parse("report.status", n.path("status").asText(null)), observed,
            n.path("source").asText(null), n.path("detail").asText(null), CauseJson.read("report.cause", n.get("cause"))));
      }
      case "override" -> {
        unknownKeys("override", n, Set.of("unit", "mode", "ttl", "actor", "reason"));
        Duration ttl = n.hasNonNull("ttl") ? Durations.parse("override.ttl", n.get("ttl").asText()) : null;
        return new Input.OperatorOverride(text(n, "unit", "override"),
            OverrideMode.parse("override.mode", n.path("mode").asText(null)), n.path("actor").asText(null),
            n.path("reason").asText(null), ttl);
      }
      case "drift" -> {
        unknownKeys("drift", n, Set.of("unit", "severity", "kind", "detail"));
        return new Input.Drift(text(n, "unit", "drift"), new DriftFact(n.path("kind").asText(null),
            DriftSeverity.parse("drift.severity", n.path("severity").asText(null)), n.path("detail").asText(null), null));
      }
      default -> {
        unknownKeys("drift_clear", n, Set.of("unit", "kind"));
        return new Input.DriftClear(text(n, "unit", "drift_clear"), n.path("kind").asText(null));
      }
    }
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw InvalidInputException.field(where + "." + field, null, "given");
    }
    return v.asText();
  }

  private static void unknownKeys(String where, JsonNode n, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      throw new InvalidInputException(where + " must be a mapping");
    }
    n.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw new InvalidInputException(where + " has an unknown key '" + k + "'; allowed: " + new java.util.TreeSet<>(allowed));
      }
    });
  }
}
