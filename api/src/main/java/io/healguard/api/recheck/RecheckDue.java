package io.healguard.api.recheck;

import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.DecisionSummary;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.policy.Reasons;
import io.healguard.engine.policy.UnitView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a unit is due to be asked again, derived from what the store holds (the last report and
 * its decision), not from a flag: so it survives a restart of healguard and every replica on a
 * shared store reads the same. Empty when nothing is to be rechecked:
 *
 * <ul>
 *   <li>the last report is not a DOWN from systemd's hook or from a recheck (a watchdog that
 *       reports the unit itself keeps it counted; an UP ends the episode);
 *   <li>the unit is held, or the last decision was an operator's override (a person has it);
 *   <li>the last decision escalated ({@code ESCALATE}, or the {@code BLOCK} of an escalated
 *       non-transient episode): a person is paged, re-reporting would only repeat it.
 * </ul>
 *
 * <p>Otherwise due {@code interval} after the last report; after a BLOCK not before the next
 * restart could be allowed (the end of a cooldown, a circuit's cool-off), so a long cooldown costs
 * one recheck, not one per interval. After a RESTART it is due too: systemd then says whether the
 * restart brought the unit back ({@code active}: nothing is reported) or not.
 */
final class RecheckDue {
  private RecheckDue() {}

  static Optional<Instant> dueAt(UnitView v, Duration interval) {
    LastReport r = v.lastReport();
    DecisionSummary d = v.lastDecision();
    if (r == null || d == null || r.status() != HealthStatus.DOWN || !Recheck.fromSystemd(r.source())) {
      return Optional.empty();
    }
    if (v.hold() != null || d.input() == null || d.input().startsWith("OVERRIDE") || escalated(d)) {
      return Optional.empty();
    }
    Instant due = r.at().plus(interval);
    Instant next = v.state().nextRestartAllowedAt();
    if (d.action() == Action.BLOCK && next != null && next.isAfter(due)) {
      due = next;
    }
    return Optional.of(due);
  }

  private static boolean escalated(DecisionSummary d) {
    return d.action() == Action.ESCALATE
        || d.action() == Action.BLOCK && Reasons.NON_TRANSIENT_FAILURE.equals(d.reason());
  }
}
