package io.healguard.engine.policy.internal;

import io.healguard.engine.policy.Reasons;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.UnitTx;
import java.time.Instant;

/**
 * The fleet's storm episode, for an eligible DOWN during a storm or an episode: the table decides
 * under the fleet lock, so only one unit escalates an episode, and the first calm eligible DOWN
 * ends it. The fleet lock is taken inside the unit's lock (the store's rule against deadlock).
 */
public final class StormEpisode {
  private StormEpisode() {}

  /**
   * The table's verdict, with the fleet state to commit (null: unchanged) and the episode as read
   * under the lock. {@code verdict} may be null (the table decided nothing: the caller's error).
   */
  public record Outcome(Verdict verdict, FleetState fleetAfter, boolean episodeBefore) {}

  /** Null when {@code mayWait} is false and the fleet lock is taken; nothing is changed then. */
  public static Outcome decide(Situation facts, PolicySnapshot p, UnitTx tx, boolean mayWait, Instant now) {
    FleetState fleet = mayWait ? tx.lockFleet() : tx.tryLockFleet();
    if (fleet == null) {
      return null;
    }
    boolean episode = fleet.stormEpisodeActive();
    facts.setStormEpisodeActive(facts.isStorm() && episode);
    Verdict v = p.decide(facts);
    FleetState fleetAfter = null;
    if (v != null && facts.isStorm() && Reasons.FLEET_STORM.equals(v.reason()) && !episode) {
      fleetAfter = new FleetState(true, now);
    } else if (!facts.isStorm() && episode) {
      // the episode ends at the first eligible restart evaluated without a storm
      fleetAfter = FleetState.CALM;
    }
    return new Outcome(v, fleetAfter, episode);
  }
}
