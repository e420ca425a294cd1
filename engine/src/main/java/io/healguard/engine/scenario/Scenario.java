package io.healguard.engine.scenario;

import io.healguard.engine.health.UnitProfile;
import java.time.Instant;
import java.util.List;

/** A what-if scenario: units and time-ordered steps, replayed on the scenario's own clock. */
/**
 * @param maxRestartsPerHour the safety envelope the scenario runs under, or null for the caller's
 */
public record Scenario(
    String name, Instant start, List<UnitProfile> units, List<Step> steps, Integer maxRestartsPerHour) {}
