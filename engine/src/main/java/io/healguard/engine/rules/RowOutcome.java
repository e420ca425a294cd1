package io.healguard.engine.rules;

import io.healguard.engine.decision.Action;

/**
 * What a gates row decides, learned by asking the compiled table every possible question.
 * {@code fired} counts how many situations that row decided (0: never reachable).
 */
public record RowOutcome(
    String row, String file, String sheet, Integer line, Action action, String reason,
    String recommendation, String recommendationText, String runbook, int fired) {}
