package io.healguard.api.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.healguard.api.drift.DriftStatus;
import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.DriftReport;
import io.healguard.engine.drift.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The two output formats of {@code drift check}; JSON keeps nulls so consumers see every key. */
final class DriftOutput {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DriftOutput() {}

  static String json(DriftReport report) {
    List<Map<String, Object>> findings = new ArrayList<>();
    for (DriftFinding f : report.findings()) {
      findings.add(DriftStatus.finding(f)); // the same keys as GET /api/v1/drift
    }
    try {
      return JSON.writeValueAsString(Map.of("findings", findings)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings always serialise", e);
    }
  }

  static String text(DriftReport report) {
    StringBuilder sb = new StringBuilder();
    for (DriftFinding f : report.findings()) {
      sb.append(f.severity().name()).append(' ').append(f.kind()).append(' ').append(f.file());
      if (f.line() != null) {
        sb.append(':').append(f.line());
      }
      sb.append(": ").append(f.message())
          .append(" (expected ").append(f.expected()).append(", actual ").append(f.actual()).append(")\n");
    }
    long errors = report.count(Severity.ERROR);
    long warnings = report.count(Severity.WARNING);
    long info = report.count(Severity.INFO);
    sb.append(report.findings().size()).append(report.findings().size() == 1 ? " finding: " : " findings: ")
        .append(errors).append(errors == 1 ? " error, " : " errors, ")
        .append(warnings).append(warnings == 1 ? " warning, " : " warnings, ")
        .append(info).append(" info\n");
    return sb.toString();
  }
}
