package io.healguard.engine.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A question asked of a settings table when a policy is compiled (not per decision): every
 * matching row writes its cells here as text with its own name, so the reader can parse and range
 * check them and name the row and column of a bad value, or report two rows answering at once.
 */
public abstract class TableQuery {
  private final List<String> rows = new ArrayList<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  /** Called by each action cell of a matching row. */
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
