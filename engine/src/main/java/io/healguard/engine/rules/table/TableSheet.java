package io.healguard.engine.rules.table;

import java.util.Map;

/**
 * One worksheet (or CSV file) compiled to DRL, with where each of its rules came from.
 *
 * @param ruleLines row name → 1-based spreadsheet row of that rule's values
 */
public record TableSheet(String file, String sheet, String drl, Map<String, Integer> ruleLines) {}
