package io.healguard.engine.drift.internal;

/**
 * Something a host file says about the runtime, found by a reader and judged later by {@link
 * Judge}. {@code value} is fully expanded (variables, specifiers, {@code ~}); {@code where} is the
 * consumer's own word for it ("ExecStart", "conda activate", "watchdog key cwd") for messages.
 */
public record Reference(Kind kind, String value, Site site, String where) {
  public enum Kind {
    /** an interpreter by path */
    INTERPRETER,
    /** an interpreter by bare name, e.g. python3.10, found through PATH */
    BARE_PYTHON,
    /** a program in some environment's bin/; value is that environment's prefix */
    ENV_TOOL,
    /** an environment by prefix: conda activate /p, conda run -p, CONDA_PREFIX, PATH entry */
    ENV_PREFIX,
    /** an environment by name: conda activate n, conda run -n */
    ENV_NAME,
    /** a conda installation: conda.sh, shell hook, MAMBA_ROOT_PREFIX, -r */
    CONDA_ROOT,
    WORKDIR,
    ENV_FILE,
    /** a relative path where the consumer needs an absolute one */
    RELATIVE
  }

  /** Where a reference was read: host file, 1-based line or null, and the unit it belongs to or null. */
  public record Site(String file, Integer line, String unit) {
    public Site at(int newLine) {
      return new Site(file, newLine, unit);
    }
  }
}
