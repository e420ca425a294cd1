package io.healguard.engine.policycheck;

import io.healguard.engine.policy.Reasons;
import java.util.List;

/**
 * The runbook's pages by code: one per reason a decision can carry ({@code runbook/<REASON>.md}),
 * one per alert signal ({@code runbook/alerts/<SIGNAL>.md}) and one per recommendation that has a
 * page of its own. A new code here needs its page, which {@link MarkdownExport#regenerate} fills
 * and the runbook tests require.
 */
public final class RunbookPages {
  /** Every reason code a decision can carry: the table's codes and the store guard's. */
  public static final List<String> REASONS = Reasons.ALL;

  /** The alert signals of {@code GET /api/v1/alerts}; each has a page under {@code alerts/}. */
  public static final List<String> SIGNALS =
      List.of("CIRCUIT_OPEN", "ESCALATED", "FLEET_STORM", "RUNTIME_DRIFT", "HOLD_ACTIVE", "POLICY_REJECTED",
          "DRIFT_CONTRACT_INVALID", "DRIFT_SCAN_FAILED", "NON_TRANSIENT_FAILURE");

  /** Recommendations with a page of their own ({@code runbook/<CODE>.md}): what to do after a restart by cause. */
  public static final List<String> RECOMMENDATIONS = List.of("CHECK_MEMORY_LIMITS", "COLLECT_CORE_DUMP", "CHECK_HANG");

  private RunbookPages() {}
}
