package io.healguard.engine.decision;

import java.time.Instant;

/** An operator's hold: no policy restart until released or {@code expiresAt}. */
public record Hold(String actor, String reason, Instant setAt, Instant expiresAt) {
  public boolean activeAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
