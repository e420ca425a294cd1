package io.healguard.engine.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks the fleet-storm table for its numbers when a policy is compiled; see {@link TierQuery}. */
public final class StormQuery {
  private final List<String> rows = new ArrayList<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  public String getScope() {
    return "fleet";
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
