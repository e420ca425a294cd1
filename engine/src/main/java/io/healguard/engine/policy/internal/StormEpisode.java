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
    if (fleetAfter == null) {
      // This decision changes no fleet state (a storm BLOCK during the episode, or a row that
      // neither escalates nor ends it): let the next unit read the fleet now, not after this
      // unit's disk sync, or a storm over N units is N syncs in a row. Why this is safe:
      // - The episode's start (the one ESCALATE) and end (the first calm eligible DOWN) keep
      //   the lock through their commit, and the store publishes fleet state only once durable:
      //   no unit reads, and acts on, an episode start or end the disk does not have.
      // - This decision read the fleet under the lock and changes nothing of it, so the next
      //   unit reads the same fleet this one decided from: every storm DOWN in the episode still
      //   sees it active and is blocked, and only one unit can see it inactive and escalate.
      // - A later unit's commit may become durable before this one's, even one that ends the
      //   episode; this BLOCK was decided (and dated) during the episode and restarts nothing,
      //   so its late arrival permits nothing the episode's end did not.
      // - If this commit fails after the release, the answer is BLOCK STORE_UNAVAILABLE: it
      //   permits nothing, and there is no fleet state to undo, as it wrote none.
      // The unit's own lock stays until durable, so its next decision still starts from disk.
      tx.releaseFleet();
    }
    return new Outcome(v, fleetAfter, episode);
  }
}
