package io.healguard.engine.health;

import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.json.Text;
import java.time.Instant;
import java.util.Objects;

/**
 * One health report. {@code observedAt} is the reporter's clock: recorded and shown, never used for
 * cooldowns or windows (the engine's clock decides), so a reporter with a wrong clock cannot bypass
 * the policy. {@code cause} (optional) is why the unit failed; it is classified, never used for time.
 */
public record HealthReport(
    String unit, HealthStatus status, Instant observedAt, String source, String detail, FailureCause cause) {
  public HealthReport {
    UnitNames.require("unit", unit);
    Objects.requireNonNull(status, "status");
    source = Text.truncate(Text.requireScalarValues("source", source), 200);
    detail = Text.truncate(Text.requireScalarValues("detail", detail), 2000);
  }

  public HealthReport(String unit, HealthStatus status, Instant observedAt, String source, String detail) {
    this(unit, status, observedAt, source, detail, null);
  }

  public static HealthReport of(String unit, HealthStatus status) {
    return new HealthReport(unit, status, null, null, null);
  }
}
