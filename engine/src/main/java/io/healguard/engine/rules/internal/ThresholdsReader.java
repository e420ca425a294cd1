package io.healguard.engine.rules.internal;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.Tier;
import io.healguard.engine.json.Durations;
import io.healguard.engine.rules.StormSettings;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.rules.PolicyProblem;
import io.healguard.engine.rules.StormQuery;
import io.healguard.engine.rules.TierQuery;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Asks the thresholds and fleet-storm tables for their numbers once per compile, and turns every
 * missing tier, duplicate row, unparsable cell or out-of-range value into a {@link PolicyProblem}
 * that names the row.
 */
public final class ThresholdsReader {
  static final List<String> TIER_FIELDS =
      List.of(
          "failures", "baseCooldown", "cooldownCap", "maxRestarts", "window", "cooloff",
          "cooloffCap", "stablePeriod");

  private final StatelessKieSession session;
  private final Function<String, RowLocation> locate;
  private final List<PolicyProblem> problems;

  public ThresholdsReader(
      StatelessKieSession session, Function<String, RowLocation> locate, List<PolicyProblem> problems) {
    this.session = session;
    this.locate = locate;
    this.problems = problems;
  }

  public Map<Tier, Thresholds> tiers() {
    Map<Tier, Thresholds> out = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      TierQuery q = new TierQuery(tier);
      session.execute(q);
      if (q.rows().isEmpty()) {
        problems.add(new PolicyProblem(null, null, null, null,
            "missing tier: no thresholds row for tier " + tier.label()
                + " (every tier critical, standard, batch needs one)"));
        continue;
      }
      String row = q.rows().get(0);
      if (q.rows().size() > 1) {
        problem(row, "tier " + tier.label() + " has " + q.rows().size() + " thresholds rows " + q.rows()
            + "; keep exactly one");
        continue;
      }
      try {
        Map<String, String> v = q.values();
        for (String f : TIER_FIELDS) {
          if (!v.containsKey(f) || v.get(f).isBlank()) {
            throw new IllegalArgumentException(f + " is empty; every thresholds column needs a value");
          }
        }
        out.put(tier, new Thresholds(tier, integer("failures", v), duration("baseCooldown", v),
            duration("cooldownCap", v), integer("maxRestarts", v), duration("window", v),
            duration("cooloff", v), duration("cooloffCap", v), duration("stablePeriod", v), row));
      } catch (IllegalArgumentException e) {
        problem(row, "out of range for tier " + tier.label() + ": " + e.getMessage());
      }
    }
    return out;
  }

  public StormSettings storm() {
    StormQuery q = new StormQuery();
    session.execute(q);
    if (q.rows().size() != 1) {
      problems.add(new PolicyProblem(null, null, q.rows().isEmpty() ? null : q.rows().get(0), null,
          "the fleet storm table needs exactly one row with scope fleet, but has " + q.rows().size()));
      return null;
    }
    String row = q.rows().get(0);
    try {
      Map<String, String> v = q.values();
      return new StormSettings(integer("minUnits", v), integer("minPercent", v),
          duration("freshness", v), row);
    } catch (IllegalArgumentException e) {
      problem(row, "out of range for the fleet storm: " + e.getMessage());
      return null;
    }
  }

  private void problem(String row, String message) {
    RowLocation at = locate.apply(row);
    problems.add(new PolicyProblem(at.file(), at.sheet(), row, at.line(), message));
  }

  private static int integer(String field, Map<String, String> v) {
    String s = v.get(field);
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(field + " is empty");
    }
    try {
      double d = Double.parseDouble(s.trim());
      if (d != Math.rint(d)) {
        throw new NumberFormatException();
      }
      return (int) d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be a whole number, but was '" + s + "'");
    }
  }

  private static Duration duration(String field, Map<String, String> v) {
    try {
      return Durations.parse(field, v.get(field));
    } catch (InvalidInputException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }
}
