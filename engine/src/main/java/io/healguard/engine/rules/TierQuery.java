package io.healguard.engine.rules;

import io.healguard.engine.health.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the thresholds table for one tier's numbers when a policy is compiled (not per decision):
 * the matching row writes its cells here as text, and {@code ThresholdsReader} parses and range
 * checks them so an error names the row and the column.
 */
public final class TierQuery {
  private final String tier;
  private final List<String> rows = new ArrayList<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  public TierQuery(Tier tier) {
    this.tier = tier.label();
  }

  public String getTier() {
    return tier;
  }

  public void set(String field, String value, String row) {
    if (!rows.contains(row)) {
      rows.add(row);
    }
    values.putIfAbsent(field, value);
  }

  public List<String> rows() {
    return rows;
  }

  public Map<String, String> values() {
    return values;
  }
}
