package io.healguard.engine.drift;

import java.util.List;

/** The findings of one check, in {@link DriftFinding#ORDER}. */
public record DriftReport(List<DriftFinding> findings) {
  public DriftReport {
    findings = findings.stream().sorted(DriftFinding.ORDER).toList();
  }

  public boolean hasErrors() {
    return count(Severity.ERROR) > 0;
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }
}
