package io.healguard.engine.policy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.UnitNames;
import java.time.Duration;
import java.util.Objects;

/** One thing that happened to a unit; each gives exactly one {@link Decision}. */
public sealed interface Input {
  String unit();

  /** The table's {@code input} column: REPORT, OVERRIDE or DRIFT. */
  String kind();

  /** The table's {@code event} column: the status, the override mode or the drift event. */
  String event();

  record Report(HealthReport report) implements Input {
    public Report {
      Objects.requireNonNull(report, "report");
    }

    @Override
    public String unit() {
      return report.unit();
    }

    @Override
    public String kind() {
      return "REPORT";
    }

    @Override
    public String event() {
      return report.status().name();
    }
  }

  record OperatorOverride(String unit, OverrideMode mode, String actor, String reason, Duration ttl)
      implements Input {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration MAX_TTL = Duration.ofHours(24);

    public OperatorOverride {
      UnitNames.require("unit", unit);
      Objects.requireNonNull(mode, "mode");
      if (actor == null || actor.isBlank()) {
        throw InvalidInputException.field("actor", actor, "the name of who acts (not empty)");
      }
      if (reason == null || reason.isBlank()) {
        throw InvalidInputException.field("reason", reason, "a short text saying why (not empty)");
      }
      if (reason.length() > 500) {
        throw InvalidInputException.field("reason", reason.substring(0, 20) + "...", "at most 500 characters");
      }
      if (ttl != null && mode != OverrideMode.HOLD) {
        throw InvalidInputException.field("ttl", ttl, "given only with mode HOLD");
      }
      if (mode == OverrideMode.HOLD) {
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
          throw InvalidInputException.field("ttl", io.healguard.engine.json.Durations.format(ttl), "between 1s and 24h");
        }
      }
    }

    @Override
    public String kind() {
      return "OVERRIDE";
    }

    @Override
    public String event() {
      return mode.name();
    }
  }

  record Drift(String unit, DriftFact finding) implements Input {
    public Drift {
      UnitNames.require("unit", unit);
      Objects.requireNonNull(finding, "finding");
    }

    @Override
    public String kind() {
      return "DRIFT";
    }

    @Override
    public String event() {
      return finding.severity().name();
    }
  }

  /** Clears the unit's drift findings: all of them, or those of one {@code kind}. */
  record DriftClear(String unit, String kindToClear) implements Input {
    public DriftClear {
      UnitNames.require("unit", unit);
    }

    @Override
    public String kind() {
      return "DRIFT";
    }

    @Override
    public String event() {
      return "CLEARED";
    }
  }
}
