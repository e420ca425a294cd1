package io.healguard.engine.drift;

/**
 * What a finding is about, with the severity it has unless its rule says otherwise (a path whose
 * meaning depends on an unknown directory, a value only a process's environment carries).
 * docs/runtime-contract.md lists every kind with each case and its severity.
 */
public enum FindingKind {
  INTERPRETER_MISMATCH("interpreter-mismatch", Severity.ERROR),
  ENV_NAME_MISMATCH("env-name-mismatch", Severity.ERROR),
  ENV_PREFIX_MISMATCH("env-prefix-mismatch", Severity.ERROR),
  WORKING_DIR_MISMATCH("working-dir-mismatch", Severity.ERROR),
  ENV_FILE_MISSING("env-file-missing", Severity.ERROR),
  ENV_FILE_NOT_REFERENCED("env-file-not-referenced", Severity.ERROR),
  ENV_FILE_NOT_RENDERED("env-file-not-rendered", Severity.INFO),
  UNIT_MISSING("unit-missing", Severity.ERROR),
  SCRIPT_MISSING("script-missing", Severity.ERROR),
  WATCHDOG_CONFIG_MISSING("watchdog-config-missing", Severity.ERROR),
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

  /** The severity a finding of this kind has unless its rule names another. */
  public Severity defaultSeverity() {
    return severity;
  }
}
