package io.healguard.engine.policy;

import io.healguard.engine.decision.DecisionSummary;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.Hold;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.health.Tier;
import java.util.List;

/** Everything an operator sees of one unit. */
public record UnitView(
    String unit,
    Tier tier,
    List<String> dependsOn,
    LastReport lastReport,
    DecisionSummary lastDecision,
    UnitSnapshot state,
    Hold hold,
    List<DriftFact> drift,
    Recommendation recommendation) {}
