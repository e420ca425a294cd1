package io.healguard.engine.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.cause.CauseJson;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.json.Durations;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.DriftSeverity;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import io.healguard.engine.scenario.Scenario;
import io.healguard.engine.scenario.ScenarioParser;
import io.healguard.engine.scenario.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A time-ordered list of inputs to feed two policies: from a scenario (complete) or from an
 * audit export (partial: the service audits only decisions that act or change state, so UP
 * reports, DOWN reports below the failure threshold and repeated drift scans are missing, and
 * counters such as "DOWN reports in a row" start lower in the replay than they were live).
 *
 * @param step the scenario step number, or the audit line number
 * @param maxRestartsPerHour the scenario's own safety envelope, or null
 * @param note what the replay leaves out, for the report; null when complete
 */
public record Replay(
    String source, Instant start, List<UnitProfile> units, List<Event> events, Integer maxRestartsPerHour,
    String note) {

  /**
   * @param eligible the live decision acted on this DOWN report, so the unit had reached its
   *     failure threshold then; the audit does not hold the DOWN reports before it, so the replay
   *     tops the count up (see {@link PolicyDiff})
   */
  public record Event(int step, Instant at, Input input, boolean eligible) {}

  public boolean partial() {
    return note != null;
  }

  public static Replay ofScenario(Path file) {
    Scenario sc = ScenarioParser.parse(file);
    List<Event> events = new ArrayList<>();
    for (Step s : sc.steps()) {
      events.add(new Event(s.number(), sc.start().plus(s.at()), s.input(), false));
    }
    return new Replay("scenario " + file.getFileName(), sc.start(), sc.units(), List.copyOf(events),
        sc.maxRestartsPerHour(), null);
  }

  /**
   * Reads an audit export (JSON lines of {@code AuditEvent}, as {@code GET
   * /api/v1/audit?format=jsonl} gives it) and keeps the events that carry an input: reports,
   * overrides and drift changes. Policy, hold-expiry and executor events are skipped.
   *
   * @param units tiers and dependencies to replay with; units not listed are standard, without
   *     dependencies (the audit does not record either)
   */
  public static Replay ofAudit(Path jsonl, List<UnitProfile> units) {
    List<String> lines;
    try {
      lines = Files.readAllLines(jsonl);
    } catch (IOException e) {
      throw new InvalidInputException("audit " + jsonl + ": cannot read: " + e.getMessage());
    }
    List<Event> events = new ArrayList<>();
    int skipped = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) continue;
      try {
        Event e = event(i + 1, Json.MAPPER.readTree(line));
        if (e == null) skipped++;
        else events.add(e);
      } catch (IOException | RuntimeException e) {
        throw new InvalidInputException("audit " + jsonl + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (events.isEmpty()) {
      throw new InvalidInputException("audit " + jsonl + ": no event with an input (report, override, drift) to replay");
    }
    // the service exports newest first; reverse before the stable sort so events at one instant keep their order
    if (events.get(0).at().isAfter(events.get(events.size() - 1).at())) {
      java.util.Collections.reverse(events);
    }
    events.sort(Comparator.comparing(Event::at));
    Map<String, UnitProfile> profiles = new LinkedHashMap<>();
    units.forEach(u -> profiles.put(u.name(), u));
    Set<String> seen = new LinkedHashSet<>();
    events.forEach(e -> seen.add(e.input().unit()));
    seen.forEach(u -> profiles.putIfAbsent(u, UnitProfile.standard(u)));
    String note = "partial replay of " + events.size() + " audited inputs (" + skipped + " events without input skipped):"
        + " the audit keeps only decisions that act or change state, so reports that changed nothing are missing"
        + " (before each audited DOWN report that was acted on, DOWN reports are added up to the failure"
        + " threshold; they are not compared); units not given with --unit replay as standard tier"
        + " without dependencies";
    return new Replay("audit " + jsonl.getFileName(), events.get(0).at(), List.copyOf(profiles.values()),
        List.copyOf(events), null, note);
  }

  private static Event event(int line, JsonNode n) {
    JsonNode in = n.get("input");
    if (in == null || !in.isObject()) {
      return null;
    }
    Instant at = Instant.parse(req(n, "at"));
    String unit = in.hasNonNull("unit") ? in.get("unit").asText() : req(n, "unit");
    String kind = req(in, "kind");
    Input input;
    boolean eligible = false;
    switch (kind) {
      case "REPORT":
        input = new Input.Report(new HealthReport(unit, HealthStatus.parse("input.status", req(in, "status")),
            in.hasNonNull("observedAt") ? Instant.parse(in.get("observedAt").asText()) : null,
            opt(in, "source"), opt(in, "detail"), CauseJson.read("input.cause", in.get("cause"))));
        eligible = "DOWN".equals(in.get("status").asText()) && n.hasNonNull("action")
            && !"NONE".equals(n.get("action").asText());
        break;
      case "OVERRIDE": {
        OverrideMode mode = OverrideMode.parse("input.mode", req(in, "mode"));
        Duration ttl = mode == OverrideMode.HOLD && in.hasNonNull("ttl") ? Durations.parse("input.ttl", in.get("ttl").asText()) : null;
        String actor = n.hasNonNull("actor") ? n.get("actor").asText() : "audit-replay";
        String reason = in.hasNonNull("reason") ? in.get("reason").asText() : "replayed from the audit";
        input = new Input.OperatorOverride(unit, mode, actor, reason, ttl);
        break;
      }
      case "DRIFT":
        if (in.has("clear")) {
          String c = in.get("clear").asText();
          input = new Input.DriftClear(unit, "all".equals(c) ? null : c);
        } else {
          input = new Input.Drift(unit, new DriftFact(opt(in, "driftKind"),
              DriftSeverity.parse("input.severity", req(in, "severity")), opt(in, "detail"), null));
        }
        break;
      default:
        throw InvalidInputException.field("input.kind", kind, "one of REPORT, OVERRIDE, DRIFT");
    }
    return new Event(line, at, input, eligible);
  }

  private static String req(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw InvalidInputException.field(field, null, "given");
    }
    return v.asText();
  }

  private static String opt(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
