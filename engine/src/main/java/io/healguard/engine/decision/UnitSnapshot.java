package io.healguard.engine.decision;

import java.time.Instant;

/**
 * A unit's state as an operator reads it after a decision: circuit, cooldown, churn, hold and the
 * next time a policy restart could be allowed (null: not by time alone, for example while a
 * HALF_OPEN probe awaits its verdict or a drift error stands).
 */
public record UnitSnapshot(
    CircuitState circuit,
    Instant circuitOpenedAt,
    Instant cooloffUntil,
    Instant probeAt,
    int restartsInWindow,
    int maxRestarts,
    String window,
    boolean cooldownActive,
    Instant cooldownUntil,
    int backoffStep,
    Instant nextRestartAllowedAt,
    int downCount,
    int degradedCount,
    Instant holdUntil,
    int driftErrors) {}
