package io.healguard.engine.testing;

import io.healguard.engine.scenario.ScenarioClock;
import java.time.Instant;

/** The test clock: moved step by step with {@link #advance}, with a comment saying what the step means. */
public final class MutableClock extends ScenarioClock {
  public MutableClock(Instant start) {
    super(start);
  }

  public static MutableClock at(String iso) {
    return new MutableClock(Instant.parse(iso));
  }
}
