package io.healguard.engine.policy;

import io.healguard.engine.health.HealthStatus;
import java.time.Instant;

/** The latest report of a unit as received: {@code at} is the engine's clock, {@code observedAt} the reporter's. */
public record LastReport(HealthStatus status, Instant at, Instant observedAt, String source, String detail) {}
