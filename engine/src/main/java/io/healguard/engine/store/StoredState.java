package io.healguard.engine.store;

import io.healguard.engine.decision.UnitState;
import java.util.Map;

/** What a store holds at start-up. */
public record StoredState(Map<String, UnitState> units, FleetState fleet) {}
