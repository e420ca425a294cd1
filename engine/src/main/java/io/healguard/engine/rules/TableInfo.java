package io.healguard.engine.rules;

import java.util.List;

/** One compiled worksheet and the names of its rows, in order. */
public record TableInfo(String file, String sheet, List<String> rows) {}
