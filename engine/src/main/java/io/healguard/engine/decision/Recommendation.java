package io.healguard.engine.decision;

/** What a person should do next: a stable code, one line of text and the runbook page that explains it. */
public record Recommendation(String code, String text, String runbook) {
  public static final Recommendation NONE = new Recommendation("NONE", "No action needed.", null);
}
