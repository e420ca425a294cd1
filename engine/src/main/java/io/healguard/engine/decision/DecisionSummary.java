package io.healguard.engine.decision;

import java.time.Instant;

/** The part of a decision a unit remembers: what was decided last, by which row and version. */
public record DecisionSummary(
    Instant at, String input, Action action, String reason, String rule, String policyVersion,
    Recommendation recommendation) {}
