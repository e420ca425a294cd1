package io.healguard.engine.rules;

import java.time.Instant;
import java.util.List;

/**
 * The result of one reload attempt: activated (a new version is in force), unchanged (the tables
 * hash to the version in force), rolled back (an archived version is back in force) or rejected
 * (the old version keeps deciding).
 */
public record ReloadOutcome(
    Status status, String version, String previousVersion, Instant at, String actor,
    List<PolicyProblem> problems) {
  public enum Status {
    ACTIVATED,
    UNCHANGED,
    ROLLED_BACK,
    REJECTED
  }

  public boolean rejected() {
    return status == Status.REJECTED;
  }
}
