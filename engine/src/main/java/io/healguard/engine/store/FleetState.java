package io.healguard.engine.store;

import java.time.Instant;

/** Fleet-wide state: whether a storm episode is in progress (its first decision escalated). */
public record FleetState(boolean stormEpisodeActive, Instant stormEpisodeSince) {
  public static final FleetState CALM = new FleetState(false, null);
}
