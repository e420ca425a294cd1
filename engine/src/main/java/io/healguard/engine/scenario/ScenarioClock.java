package io.healguard.engine.scenario;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The scenario's clock: set to each step's time, so a simulation never sleeps. */
public final class ScenarioClock extends Clock {
  private volatile Instant now;

  public ScenarioClock(Instant start) {
    this.now = start;
  }

  public void set(Instant t) {
    now = t;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
