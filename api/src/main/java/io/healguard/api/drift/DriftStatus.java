package io.healguard.api.drift;

import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/drift} shows: the last scan (whatever its outcome) and the findings of
 * the last scan that loaded the contract. A scan that failed changes no facts, so its findings
 * would not describe what the engine holds; the last good ones do.
 */
public record DriftStatus(
    boolean configured,
    String contract,
    String root,
    String scanInterval,
    Scan lastScan,
    Instant lastSuccessAt,
    Map<String, Long> counts,
    List<Map<String, Object>> findings,
    List<UnitSummary> units,
    Map<String, Long> unattributed) {

  public enum Outcome { OK, CONTRACT_INVALID, FAILED }

  /** One scan: {@code trigger} is start, interval or api:&lt;token name&gt;; {@code changes} the facts it sent. */
  public record Scan(Instant at, long durationMs, String trigger, Outcome outcome, String error, List<Change> changes) {}

  /** A fact sent to the engine: ADDED, UPDATED (same kind, new detail) or CLEARED, and what the engine decided. */
  public record Change(String unit, String kind, String change, String action, String reason) {}

  /** A unit's findings by severity (what it counts, INFO included) and the kinds that are facts. */
  public record UnitSummary(String unit, long error, long warning, long info, List<String> kinds) {}

  static DriftStatus notConfigured() {
    return new DriftStatus(false, null, null, null, null, null, null, null, null, null);
  }

  static Map<String, Long> counts(List<DriftFinding> findings) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      m.put(s.id(), findings.stream().filter(f -> f.severity() == s).count());
    }
    return m;
  }

  /** One finding with every key, nulls included: {@code GET /api/v1/drift} and {@code drift check --format json}. */
  public static Map<String, Object> finding(DriftFinding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", f.file());
    m.put("line", f.line());
    m.put("kind", f.kind());
    m.put("severity", f.severity().id());
    m.put("message", f.message());
    m.put("expected", f.expected());
    m.put("actual", f.actual());
    m.put("unit", f.unit());
    return m;
  }
}
