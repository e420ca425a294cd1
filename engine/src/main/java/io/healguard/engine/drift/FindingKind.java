package io.healguard.engine.drift;

/**
 * What a finding is about, with the severity it always has. The severity is tied to the kind so
 * that a gate's verdict depends only on what was found; docs/runtime-contract.md explains each.
 */
public enum FindingKind {
  INTERPRETER_MISMATCH("interpreter-mismatch", Severity.ERROR),
  ENV_NAME_MISMATCH("env-name-mismatch", Severity.ERROR),
  ENV_PREFIX_MISMATCH("env-prefix-mismatch", Severity.ERROR),
  WORKING_DIR_MISMATCH("working-dir-mismatch", Severity.ERROR),
  ENV_FILE_MISSING("env-file-missing", Severity.ERROR),
  ENV_FILE_NOT_REFERENCED("env-file-not-referenced", Severity.WARNING),
  UNIT_MISSING("unit-missing", Severity.ERROR),
  SCRIPT_MISSING("script-missing", Severity.ERROR),
  WATCHDOG_CONFIG_MISSING("watchdog-config-missing", Severity.ERROR),
  RELATIVE_PATH("relative-path", Severity.WARNING),
  OK_NORMALIZED("ok-normalized", Severity.INFO);

  private final String id;
  private final Severity severity;

  FindingKind(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  /** The stable name used in JSON and text output, e.g. {@code interpreter-mismatch}. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }
}
