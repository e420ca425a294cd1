package io.healguard.engine.rules.internal;

/** Where a named row lives: file, sheet and 1-based spreadsheet row. */
public record RowLocation(String file, String sheet, Integer line) {}
