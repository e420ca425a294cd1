package io.healguard.tables.reference;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.decision.Action;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;

/**
 * Runbook v1's gate policy written as plain Java: the same first-match order, verdicts and row
 * names as the bundled {@code decision-tables/gates.xlsx}. It exists to be compared with the
 * tables ({@code ReferencePolicyTest}) and to give the benchmarks a baseline without Drools.
 *
 * <p>Changing the default policy: change the table, then this class, in the same commit; keep each
 * {@code if} in table row order, since an earlier row wins. Returns null where the table would
 * decide nothing (an input or event no row names).
 */
public final class ReferencePolicy {
  private static final String RESTART_ALLOWED =
      "Restart allowed: watch the unit come back with systemctl status.";
  private static final String NO_ACTION = "No action needed.";
  private static final String HOLD_TEXT = "A hold is active: release it when the fix is in.";
  private static final String DRIFT_TEXT =
      "The unit's runtime differs from its contract: fix the drift, then restart.";
  private static final String CRASH_LOOP_TEXT =
      "The unit keeps failing: read its journal before anything restarts it again.";
  private static final String STORM_TEXT =
      "Many units are down at once: look for a shared cause such as network, database or disk.";

  static final Verdict GATES_001 = row("001", Action.NONE, "HOLD_SET", "RELEASE_HOLD_WHEN_FIXED", HOLD_TEXT);
  static final Verdict GATES_002 = row("002", Action.NONE, "HOLD_RELEASED", "NONE", NO_ACTION);
  static final Verdict GATES_003 = row("003", Action.NONE, "MANUAL_RESET", "NONE", NO_ACTION);
  static final Verdict GATES_004 = row("004", Action.RESTART, "MANUAL_FORCE", "WATCH_RECOVERY", RESTART_ALLOWED);
  static final Verdict GATES_005 = row("005", Action.RECOMMEND, "RUNTIME_DRIFT", "FIX_RUNTIME_DRIFT", DRIFT_TEXT);
  static final Verdict GATES_006 = row("006", Action.NONE, "DRIFT_WARNING", "NONE", NO_ACTION);
  static final Verdict GATES_007 = row("007", Action.NONE, "DRIFT_CLEARED", "NONE", NO_ACTION);
  static final Verdict GATES_008 = row("008", Action.NONE, "CIRCUIT_CLOSED", "NONE", NO_ACTION);
  static final Verdict GATES_009 = row("009", Action.NONE, "CIRCUIT_CLOSED", "NONE", NO_ACTION);
  static final Verdict GATES_010 = row("010", Action.NONE, "BACKOFF_RESET", "NONE", NO_ACTION);
  static final Verdict GATES_011 = row("011", Action.NONE, "HEALTHY", "NONE", NO_ACTION);
  static final Verdict GATES_012 = row("012", Action.RECOMMEND, "DEGRADED_PERSISTENT", "INVESTIGATE_DEGRADED",
      "The unit stays degraded: check its logs, load and upstreams.");
  static final Verdict GATES_013 = row("013", Action.NONE, "BELOW_THRESHOLD", "NONE", NO_ACTION);
  static final Verdict GATES_014 = row("014", Action.NONE, "BELOW_THRESHOLD", "NONE", NO_ACTION);
  static final Verdict GATES_015 = row("015", Action.BLOCK, "MANUAL_HOLD", "RELEASE_HOLD_WHEN_FIXED", HOLD_TEXT);
  static final Verdict GATES_016 = row("016", Action.BLOCK, "RUNTIME_DRIFT", "FIX_RUNTIME_DRIFT", DRIFT_TEXT);
  static final Verdict GATES_017 = row("017", Action.BLOCK, "DEPENDENCY_DOWN", "RESTORE_DEPENDENCY",
      "A unit this one depends on is down: restore that one first.");
  static final Verdict GATES_018 = row("018", Action.ESCALATE, "FLEET_STORM", "CHECK_SHARED_DEPENDENCY", STORM_TEXT);
  static final Verdict GATES_019 = row("019", Action.BLOCK, "FLEET_STORM", "CHECK_SHARED_DEPENDENCY", STORM_TEXT);
  static final Verdict GATES_020 = row("020", Action.BLOCK, "CIRCUIT_OPEN", "INVESTIGATE_CRASH_LOOP", CRASH_LOOP_TEXT);
  static final Verdict GATES_021 = row("021", Action.RESTART, "HALF_OPEN_PROBE", "WATCH_RECOVERY", RESTART_ALLOWED);
  static final Verdict GATES_022 = row("022", Action.ESCALATE, "PROBE_FAILED", "INVESTIGATE_CRASH_LOOP", CRASH_LOOP_TEXT);
  static final Verdict GATES_023 = row("023", Action.BLOCK, "COOLDOWN_ACTIVE", "WAIT_FOR_COOLDOWN",
      "Restart held back by the cooldown: the next one is allowed when it ends.");
  static final Verdict GATES_024 = row("024", Action.ESCALATE, "CHURN_LIMIT_REACHED", "INVESTIGATE_CRASH_LOOP",
      CRASH_LOOP_TEXT);
  static final Verdict GATES_025 = row("025", Action.BLOCK, "SAFETY_ENVELOPE", "INVESTIGATE_CRASH_LOOP", CRASH_LOOP_TEXT);
  static final Verdict GATES_026 = row("026", Action.RESTART, "RESTART_PERMITTED", "WATCH_RECOVERY", RESTART_ALLOWED);
  private static final String NON_TRANSIENT_TEXT = "A restart cannot fix this: {class}, see the log tail.";
  static final Verdict GATES_027 = row("027", Action.ESCALATE, "NON_TRANSIENT_FAILURE", "FIX_BEFORE_RESTART", NON_TRANSIENT_TEXT);
  static final Verdict GATES_028 = row("028", Action.BLOCK, "NON_TRANSIENT_FAILURE", "FIX_BEFORE_RESTART", NON_TRANSIENT_TEXT);
  static final Verdict GATES_029 = new Verdict(Action.RESTART, "RESTART_PERMITTED", "CHECK_MEMORY_LIMITS",
      "Restart allowed after an OOM kill: check the unit's memory limit and use before the next one.",
      "runbook/CHECK_MEMORY_LIMITS.md", "DT-GATES-029");
  static final Verdict GATES_030 = new Verdict(Action.RESTART, "RESTART_PERMITTED", "COLLECT_CORE_DUMP",
      "Restart allowed after a crash: collect the core dump with coredumpctl before it is rotated away.",
      "runbook/COLLECT_CORE_DUMP.md", "DT-GATES-030");
  static final Verdict GATES_031 = new Verdict(Action.RESTART, "RESTART_PERMITTED", "CHECK_HANG",
      "Restart allowed after a hang: find what the unit waited on when its timeout or watchdog fired.",
      "runbook/CHECK_HANG.md", "DT-GATES-031");

  /** The verdict of the first row of runbook v1 that matches, or null when none does. */
  public Verdict decide(Situation s) {
    String input = s.getInput();
    String event = s.getEvent();
    if ("OVERRIDE".equals(input)) {
      if ("HOLD".equals(event)) return GATES_001;
      if ("RELEASE".equals(event)) return GATES_002;
      if ("RESET".equals(event)) return GATES_003;
      if ("FORCE_RESTART".equals(event)) return GATES_004;
      return null;
    }
    if ("DRIFT".equals(input)) {
      if ("ERROR".equals(event)) return GATES_005;
      if ("WARNING".equals(event)) return GATES_006;
      if ("CLEARED".equals(event)) return GATES_007;
      return null;
    }
    if (!"REPORT".equals(input)) {
      return null;
    }
    String circuit = s.getCircuit();
    if ("UP".equals(event)) {
      if (s.isStableReached() && "HALF_OPEN".equals(circuit)) return GATES_008;
      if (s.isStableReached() && "OPEN".equals(circuit) && s.isCooloffOver()) return GATES_009;
      if (s.isStableReached() && "CLOSED".equals(circuit) && s.isBackoffActive()) return GATES_010;
      return GATES_011;
    }
    if ("DEGRADED".equals(event)) {
      return s.isBelowThreshold() ? GATES_013 : GATES_012;
    }
    if ("DOWN".equals(event)) {
      if (s.isBelowThreshold()) return GATES_014;
      if (s.isHoldActive()) return GATES_015;
      if (s.isDriftError()) return GATES_016;
      if (CauseClass.valueOf(s.getCause()).nonTransient()) return s.isNonTransientEpisode() ? GATES_028 : GATES_027;
      if (s.isDependencyDown()) return GATES_017;
      if (s.isStorm()) return s.isStormEpisodeActive() ? GATES_019 : GATES_018;
      if ("OPEN".equals(circuit)) return s.isCooloffOver() ? GATES_021 : GATES_020;
      if ("HALF_OPEN".equals(circuit)) return GATES_022;
      if (s.isCooldownActive()) return GATES_023;
      if (s.isChurnAtMax()) return GATES_024;
      if (s.isSafetyEnvelopeReached()) return GATES_025;
      switch (CauseClass.valueOf(s.getCause())) {
        case OOM: return GATES_029;
        case CRASH: return GATES_030;
        case HANG: return GATES_031;
        default: return GATES_026;
      }
    }
    return null;
  }

  private static Verdict row(String n, Action action, String reason, String rec, String text) {
    return new Verdict(action, reason, rec, text, "runbook/" + reason + ".md", "DT-GATES-" + n);
  }
}
