package io.healguard.engine.decision;

import java.time.Instant;
import java.util.Objects;

/** A runtime drift finding the engine holds for a unit; an ERROR one blocks policy restarts. */
public record DriftFact(String kind, DriftSeverity severity, String detail, Instant since) {
  public DriftFact {
    Objects.requireNonNull(severity, "severity");
    kind = kind == null || kind.isBlank() ? "unspecified" : kind;
  }

  public boolean sameFinding(DriftFact o) {
    return kind.equals(o.kind) && severity == o.severity && Objects.equals(detail, o.detail);
  }
}
