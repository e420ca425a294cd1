package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.Severity;

/**
 * Something a consumer uses, found by a reader and judged later by {@link Judge}. {@code value}
 * is absolute and fully expanded (variables, specifiers, {@code ~}, a relative path resolved
 * against the consumer's directory); {@code where} is the consumer's own word for it
 * ("ExecStart", "conda activate", "watchdog key cwd"); {@code how} says how the value was
 * derived when that is not visible in the line ("relative to WorkingDirectory=/srv/ingest"),
 * or is empty. {@code severity} overrides the kind's default (a path whose meaning depends on an
 * unknown directory is a warning); {@code lookedUp}: found by a PATH lookup of a plain name.
 */
public record Reference(Kind kind, String value, Site site, String where, String how, Severity severity, boolean lookedUp) {
  public enum Kind {
    /** an interpreter by path */
    INTERPRETER,
    /** a program in some environment's bin/; value is that environment's prefix */
    ENV_TOOL,
    /** an environment by prefix: conda activate /p, conda run -p, PATH entry */
    ENV_PREFIX,
    /** an environment by name: conda activate n, conda run -n */
    ENV_NAME,
    /** a conda installation: conda.sh, shell hook, MAMBA_ROOT_PREFIX, -r */
    CONDA_ROOT,
    WORKDIR,
    /** the env file a consumer loads */
    ENV_FILE
  }

  public Reference {
    how = how == null ? "" : how;
  }

  public static Reference of(Kind kind, String value, Site site, String where) {
    return new Reference(kind, value, site, where, "", null, false);
  }

  public Reference how(String newHow) {
    return new Reference(kind, value, site, where, newHow, severity, lookedUp);
  }

  public Reference severity(Severity s) {
    return new Reference(kind, value, site, where, how, s, lookedUp);
  }

  public Reference foundByLookup() {
    return new Reference(kind, value, site, where, how, severity, true);
  }
}
