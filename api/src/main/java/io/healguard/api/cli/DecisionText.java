package io.healguard.api.cli;

import java.util.Map;

/** The decision as a person reads it: action and why, the counters, what to do next. */
final class DecisionText {
  private DecisionText() {}

  static String of(String body) {
    Map<String, Object> d = ReportJson.readObject(body);
    if (d == null) {
      return body.strip() + "\n";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(or(d, "?", "unit")).append(": ").append(or(d, "?", "action"))
        .append(" (").append(or(d, "?", "reason")).append(", row ").append(or(d, "?", "rule"));
    String version = or(d, "", "policyVersion");
    if (!version.isEmpty()) {
      sb.append(", policy ").append(version, 0, Math.min(12, version.length()));
    }
    sb.append(")\n");
    sb.append("  circuit ").append(or(d, "?", "circuit")).append(", ").append(or(d, "?", "restartsInWindow"))
        .append(" of ").append(or(d, "?", "maxRestarts")).append(" restarts in ").append(or(d, "?", "window"));
    String next = ReportJson.text(d, "nextRestartAllowedAt");
    if (next != null) {
      sb.append(", next restart allowed at ").append(next);
    }
    sb.append('\n');
    String cause = ReportJson.text(d, "cause", "class");
    if (cause != null) {
      sb.append("  cause ").append(cause).append('\n');
    }
    if (d.get("recommendation") instanceof Map) {
      sb.append("  ").append(or(d, "?", "recommendation", "code")).append(": ")
          .append(or(d, "", "recommendation", "text"));
      String runbook = ReportJson.text(d, "recommendation", "runbook");
      if (runbook != null) {
        sb.append(" (").append(runbook).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String or(Map<String, Object> d, String fallback, String... path) {
    String v = ReportJson.text(d, path);
    return v == null ? fallback : v;
  }
}
