package io.healguard.api.drift;

import io.healguard.engine.decision.Recommendation;
import java.time.Instant;

/**
 * A fleet-wide alert signal the drift scan raises while scans fail ({@code DRIFT_CONTRACT_INVALID},
 * {@code DRIFT_SCAN_FAILED}); the assembly turns it into the service's alert type, so this package
 * needs nothing from the service's.
 */
public record DriftAlert(String signal, String severity, Instant since, Recommendation recommendation) {}
