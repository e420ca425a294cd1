package io.healguard.engine.drift;

import java.util.Comparator;
import java.util.Objects;

/**
 * One difference (or, for {@code ok-normalized}, one textual difference that is harmless) between
 * the contract and what a host's consumer really uses, located where an operator must edit.
 * {@code file} is the host path as seen under the checked root (the contract file itself for a
 * unit or script it lists that is not there), {@code line} is 1-based or null when the finding
 * is about the whole file, {@code unit} names the unit whose process is affected or is null.
 */
public record DriftFinding(
    String file,
    Integer line,
    String kind,
    Severity severity,
    String message,
    String expected,
    String actual,
    String unit) {

  /** Output order: by file, then line (whole-file findings first), then kind and unit. */
  public static final Comparator<DriftFinding> ORDER =
      Comparator.comparing(DriftFinding::file)
          .thenComparing(DriftFinding::line, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(DriftFinding::kind)
          .thenComparing(DriftFinding::unit, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(DriftFinding::message);

  public DriftFinding {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if (line != null && line < 1) {
      throw new IllegalArgumentException("line must be >= 1 or null, but was " + line);
    }
  }

  public static DriftFinding of(
      FindingKind kind, String file, Integer line, String message, String expected, String actual, String unit) {
    return of(kind, kind.defaultSeverity(), file, line, message, expected, actual, unit);
  }

  public static DriftFinding of(FindingKind kind, Severity severity, String file, Integer line, String message,
      String expected, String actual, String unit) {
    return new DriftFinding(file, line, kind.id(), severity, message, expected, actual, unit);
  }
}
