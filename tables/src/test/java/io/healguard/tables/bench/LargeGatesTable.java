package io.healguard.tables.bench;

import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.testing.PolicyTables;
import io.healguard.engine.testing.PolicyTables.GateRow;
import io.healguard.tables.reference.ReferencePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 205-row gates table as an operator's policy might grow: runbook v1's 31 rows plus 174
 * refinements per event, each inserted just before the catch-all row of its event. Every extra
 * row answers what runbook v1 answers for the facts it names (taken from {@link ReferencePolicy}),
 * so the table passes the policy gate and decides every situation with the same action and reason
 * as the bundled one; only the row names differ. Some extra rows are reached, most are shadowed
 * by an earlier default row, as in a real table that grew by accretion.
 *
 * <p>Extra rows: 6 DRIFT ERROR by circuit and hold, 12 REPORT UP (not yet stable) by circuit,
 * hold and drift, 12 REPORT DEGRADED below threshold by the same, and 144 REPORT DOWN: every
 * combination of the seven DOWN blockers on a closed circuit, plus 16 on an open or half-open one.
 */
final class LargeGatesTable {
  static final int ROWS = 205;

  private static final String[] CIRCUITS = {"CLOSED", "OPEN", "HALF_OPEN"};
  private static final String[] DOWN_FACTS = {
    "holdActive", "driftError", "dependencyDown", "storm", "cooldownActive", "churnAtMax",
    "safetyEnvelopeReached"
  };

  private LargeGatesTable() {}

  static List<GateRow> rows() {
    Map<String, List<String>> extras = new LinkedHashMap<>();
    // keyed by the default catch-all row each group goes in front of
    extras.put("DT-GATES-005", drift());
    extras.put("DT-GATES-011", up());
    extras.put("DT-GATES-013", degraded());
    extras.put("DT-GATES-026", down());
    ReferencePolicy reference = new ReferencePolicy();
    List<GateRow> out = new ArrayList<>();
    int next = 32;
    for (GateRow row : PolicyTables.defaultGates()) {
      for (String when : extras.getOrDefault(row.name(), List.of())) {
        Verdict v = reference.decide(situation(when));
        out.add(PolicyTables.gate(String.format("DT-GATES-%03d", next++), when, v.action().name(),
            v.reason(), v.recommendation()));
      }
      out.add(row);
    }
    if (out.size() != ROWS) {
      throw new IllegalStateException("generated " + out.size() + " gates rows, want " + ROWS);
    }
    return out;
  }

  /** Writes the 205-row gates table and the default thresholds into {@code dir}. */
  static Path write(Path dir) throws IOException {
    PolicyTables.writeThresholds(dir.resolve("thresholds.xlsx"), PolicyTables.defaultThresholds(),
        PolicyTables.defaultStorm());
    PolicyTables.writeGates(dir.resolve("gates.xlsx"), rows());
    return dir;
  }

  private static List<String> drift() {
    List<String> out = new ArrayList<>();
    for (String c : CIRCUITS) {
      for (boolean hold : new boolean[] {false, true}) {
        out.add("input=DRIFT, event=ERROR, circuit=" + c + ", holdActive=" + hold);
      }
    }
    return out;
  }

  private static List<String> up() {
    return byCircuitHoldDrift("input=REPORT, event=UP, stableReached=false");
  }

  private static List<String> degraded() {
    return byCircuitHoldDrift("input=REPORT, event=DEGRADED, belowThreshold=true");
  }

  private static List<String> byCircuitHoldDrift(String prefix) {
    List<String> out = new ArrayList<>();
    for (String c : CIRCUITS) {
      for (boolean hold : new boolean[] {false, true}) {
        for (boolean drift : new boolean[] {false, true}) {
          out.add(prefix + ", circuit=" + c + ", holdActive=" + hold + ", driftError=" + drift);
        }
      }
    }
    return out;
  }

  private static List<String> down() {
    List<String> out = new ArrayList<>();
    for (int bits = 0; bits < 1 << DOWN_FACTS.length; bits++) {
      StringBuilder when = new StringBuilder("input=REPORT, event=DOWN, circuit=CLOSED");
      for (int f = 0; f < DOWN_FACTS.length; f++) {
        when.append(", ").append(DOWN_FACTS[f]).append('=').append((bits & (1 << f)) != 0);
      }
      out.add(when.toString());
    }
    for (String open : new String[] {"circuit=OPEN, cooloffOver=false", "circuit=HALF_OPEN"}) {
      for (int bits = 0; bits < 8; bits++) {
        out.add("input=REPORT, event=DOWN, " + open + ", cooldownActive=" + ((bits & 1) != 0)
            + ", churnAtMax=" + ((bits & 2) != 0) + ", safetyEnvelopeReached=" + ((bits & 4) != 0));
      }
    }
    return out;
  }

  /** The situation a row describes, other facts at their quiet value. */
  private static Situation situation(String when) {
    Situation s = new Situation();
    for (String part : when.split(",")) {
      String[] kv = part.trim().split("=");
      String value = kv[1];
      switch (kv[0]) {
        case "input": s.setInput(value); break;
        case "event": s.setEvent(value); break;
        case "circuit": s.setCircuit(value); break;
        case "cooloffOver": s.setCooloffOver(Boolean.parseBoolean(value)); break;
        case "stableReached": s.setStableReached(Boolean.parseBoolean(value)); break;
        case "belowThreshold": s.setBelowThreshold(Boolean.parseBoolean(value)); break;
        case "holdActive": s.setHoldActive(Boolean.parseBoolean(value)); break;
        case "driftError": s.setDriftError(Boolean.parseBoolean(value)); break;
        case "dependencyDown": s.setDependencyDown(Boolean.parseBoolean(value)); break;
        case "storm": s.setStorm(Boolean.parseBoolean(value)); break;
        case "cooldownActive": s.setCooldownActive(Boolean.parseBoolean(value)); break;
        case "churnAtMax": s.setChurnAtMax(Boolean.parseBoolean(value)); break;
        case "safetyEnvelopeReached": s.setSafetyEnvelopeReached(Boolean.parseBoolean(value)); break;
        default: throw new IllegalArgumentException("no fact " + kv[0] + " in " + when);
      }
    }
    return s;
  }
}
