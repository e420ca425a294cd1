package io.healguard.engine.cause;

import java.util.Objects;

/**
 * The causes table's answer for one cause.
 *
 * @param row the causes row that matched ({@code DT-CAUSES-nnn}), or null when there was no cause
 *     to classify
 * @param matchedLine the first log line the winning row's log pattern matched, or null when the
 *     row has no log pattern
 * @param runbook the row's runbook link, or null
 */
public record Classification(CauseClass causeClass, String row, String matchedLine, String runbook) {
  /** A report without a cause: nothing was asked of the table. */
  public static final Classification NO_CAUSE = new Classification(CauseClass.UNKNOWN, null, null, null);

  public Classification {
    Objects.requireNonNull(causeClass, "causeClass");
  }
}
