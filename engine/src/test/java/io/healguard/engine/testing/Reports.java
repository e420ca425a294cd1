package io.healguard.engine.testing;

import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import java.time.Duration;

/** Short names for inputs in tests. */
public final class Reports {
  private Reports() {}

  public static Input down(String unit) {
    return new Input.Report(HealthReport.of(unit, HealthStatus.DOWN));
  }

  public static Input up(String unit) {
    return new Input.Report(HealthReport.of(unit, HealthStatus.UP));
  }

  public static Input degraded(String unit) {
    return new Input.Report(HealthReport.of(unit, HealthStatus.DEGRADED));
  }

  public static Input hold(String unit, Duration ttl) {
    return new Input.OperatorOverride(unit, OverrideMode.HOLD, "alice", "investigating", ttl);
  }

  public static Input override(String unit, OverrideMode mode) {
    return new Input.OperatorOverride(unit, mode, "alice", "on call", null);
  }
}
