package io.healguard.engine.scenario;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock moved by hand: a scenario sets it to each step's time, so a simulation never sleeps.
 * Thread-safe, so concurrent tests can share one.
 */
public class ScenarioClock extends Clock {
  private volatile Instant now;

  public ScenarioClock(Instant start) {
    this.now = start;
  }

  public synchronized void set(Instant t) {
    now = t;
  }

  public synchronized void advance(java.time.Duration d) {
    now = now.plus(d);
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
