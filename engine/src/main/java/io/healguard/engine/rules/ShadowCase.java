package io.healguard.engine.rules;

import io.healguard.engine.decision.Decision;
import java.util.Map;

/**
 * One live decision and the candidate's answer to the same question. {@code shadowFacts} are the
 * facts computed from the same unit state under the candidate's thresholds (a higher maxRestarts
 * changes churnAtMax), and both verdicts have been through the engine's hard guards, so the two
 * are compared like for like. {@code input} is the input as the audit keeps it.
 */
public record ShadowCase(
    Decision live,
    Map<String, Object> input,
    Situation liveFacts,
    String shadowVersion,
    Situation shadowFacts,
    Verdict shadow) {

  /** Whether the candidate would act differently: another action or another reason. */
  public boolean disagrees() {
    return live.action() != shadow.action() || !java.util.Objects.equals(live.reason(), shadow.reason());
  }
}
