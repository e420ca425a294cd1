package io.healguard.engine.policycheck;

/** What kind of problem a {@link Finding} is; JSON consumers and tests key on these. */
public enum FindingKind {
  /** The sheet does not compile to rules (bad cell, bad code snippet, unreadable file). */
  COMPILE_ERROR,
  /** A row has no NAME, a name that is not DT-TABLE-nnn, or the same name as another row. */
  ROW_NAME,
  /** A tier (critical, standard, batch) has no thresholds row, or more than one. */
  MISSING_TIER,
  /** A number in a thresholds or storm row is outside what the engine allows. */
  OUT_OF_RANGE,
  /** A row would restart a unit that is on hold or whose circuit is open in cool-off. */
  UNSAFE_RESTART,
  /** An operator's FORCE_RESTART is answered with something other than RESTART. */
  FORCE_NOT_RESTART,
  /** Some situation the engine can ask is decided by no row. */
  UNDECIDED,
  /** A row never decides anything: an earlier row always wins. */
  UNREACHABLE,
  /** Two rows match the same facts at the same priority but decide different actions. */
  AMBIGUOUS,
  /** A row has no reason, recommendation or runbook link, or its runbook link leads nowhere. */
  MISSING_LINK,
  /** The action cell is not RESTART, BLOCK, ESCALATE, RECOMMEND or NONE. */
  INVALID_ACTION,
  /** A causes row's log pattern does not compile, or could match catastrophically slowly on an 8 KiB log. */
  UNSAFE_PATTERN,
  /** A causes row's class, exit status or signal cell names nothing the engine knows. */
  INVALID_CAUSE,
  /** Anything else the engine's policy gate rejects. */
  OTHER;

  /** Classifies a message of the engine's policy gate ({@code PolicyCompiler}). */
  static FindingKind ofMessage(String m) {
    String s = m == null ? "" : m;
    if (s.startsWith("compile error") || s.startsWith("cannot compile") || s.startsWith("cannot read")
        || s.startsWith("no decision tables") || s.startsWith("cannot list")) return COMPILE_ERROR;
    if (s.startsWith("row without a stable name") || s.startsWith("duplicate row name")) return ROW_NAME;
    if (s.startsWith("missing tier") || s.matches("tier \\w+ has \\d+ thresholds rows.*")) return MISSING_TIER;
    if (s.startsWith("out of range") || s.startsWith("the fleet storm table")) return OUT_OF_RANGE;
    if (s.startsWith("would restart through")) return UNSAFE_RESTART;
    if (s.startsWith("answers an operator's FORCE_RESTART")) return FORCE_NOT_RESTART;
    if (s.startsWith("no row decides") || s.startsWith("no causes row classifies")) return UNDECIDED;
    if (s.startsWith("log pattern")) return UNSAFE_PATTERN;
    if (s.startsWith("class '") || s.startsWith("exit status '") || s.startsWith("signal '")) return INVALID_CAUSE;
    if (s.startsWith("never reached")) return UNREACHABLE;
    if (s.startsWith("has no ")) return MISSING_LINK;
    if (s.startsWith("invalid verdict")) return INVALID_ACTION;
    return OTHER;
  }
}
