package io.healguard.engine.decision;

import io.healguard.engine.cause.Classification;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.health.HealthStatus;
import java.time.Instant;

/**
 * The latest report of a unit as received: {@code at} is the engine's clock, {@code observedAt} the
 * reporter's. {@code cause} is the failure cause it carried (null without one) and {@code
 * classification} what the causes table made of it (null for a report that is not DOWN).
 */
public record LastReport(HealthStatus status, Instant at, Instant observedAt, String source, String detail,
    FailureCause cause, Classification classification) {}
