package io.healguard.engine.policy.internal;

import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.policy.UnitView;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.PolicySource;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators read of units: stored state with its derived snapshot (cool-down, window) as of
 * now, under the live policy's thresholds. Reads only; the profiles map is the engine's own.
 */
public final class UnitViews {
  private final Map<String, UnitProfile> profiles;
  private final StateStore store;
  private final PolicySource policy;
  private final Clock clock;
  private final SafetyEnvelope envelope;

  public UnitViews(Map<String, UnitProfile> profiles, StateStore store, PolicySource policy, Clock clock,
      SafetyEnvelope envelope) {
    this.profiles = profiles;
    this.store = store;
    this.policy = policy;
    this.clock = clock;
    this.envelope = envelope;
  }

  public Optional<UnitView> view(String unit) {
    UnitProfile profile = profiles.get(unit);
    Optional<UnitState> stored = store.unit(unit);
    if (profile == null) {
      // a unit first reported to another replica on the shared store: known here too, as it
      // would be after a restart, with the profile a first report gives it
      return stored.map(s -> viewOf(UnitProfile.standard(unit), s));
    }
    return Optional.of(viewOf(profile, stored.orElse(UnitState.initial(unit))));
  }

  /** Every known unit, by name. */
  public List<UnitView> views() {
    // one read of every stored unit, not one per unit: with a shared database each is a query
    Map<String, UnitState> stored = new HashMap<>();
    for (UnitState u : store.units()) {
      stored.put(u.unit(), u);
    }
    List<UnitView> out = new ArrayList<>();
    profiles.values().forEach(p -> out.add(viewOf(p, stored.getOrDefault(p.name(), UnitState.initial(p.name())))));
    // units another replica stored after this one started: every replica shows (and alerts on)
    // what the shared store holds, so a replica that dies takes no unit's alert with it
    stored.values().stream().filter(u -> !profiles.containsKey(u.unit()))
        .forEach(u -> out.add(viewOf(UnitProfile.standard(u.unit()), u)));
    out.sort(Comparator.comparing(UnitView::unit));
    return out;
  }

  /** Units the storm share is taken of: those profiled here or stored by any replica, at least one. */
  public int knownUnits() {
    return Math.max(1, Math.max(profiles.size(), store.unitCount()));
  }

  private UnitView viewOf(UnitProfile profile, UnitState s) {
    PolicySnapshot p = policy.current();
    Thresholds th = p.thresholds(profile.tier());
    Instant now = clock.instant();
    Recommendation rec = s.lastDecision() == null ? Recommendation.NONE : s.lastDecision().recommendation();
    return new UnitView(profile.name(), profile.tier(), profile.dependsOn(), s.lastReport(),
        s.lastDecision(), Snapshots.of(s, th, envelope, now), s.holdActive(now) ? s.hold() : null,
        s.drift(), rec);
  }
}
