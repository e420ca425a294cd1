package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.drift.internal.ShellLexer.Tok;
import io.healguard.engine.systemd.EnvFile;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import java.util.List;
import java.util.Optional;

/**
 * What {@code source FILE} (or {@code . FILE}) does to the shell: conda's {@code conda.sh} selects
 * an installation, an {@code activate} script an environment, the contract's env file sets its
 * variables (or, missing, fails the line), and any other file runs in the same shell, read at
 * its own lines (up to a few files deep).
 */
public final class SourceCommand {
  private static final int MAX_DEPTH = 4;

  private final CheckContext ctx;
  private final ScriptReader reader;
  private final CondaCommands conda;
  private int depth;

  public SourceCommand(CheckContext ctx, ScriptReader reader, CondaCommands conda) {
    this.ctx = ctx;
    this.reader = reader;
    this.conda = conda;
  }

  /** {@code guarded}: the line only sources the file when it exists, or tolerates the failure. */
  public void source(List<Tok> args, Site site, boolean guarded, ShellSession s) {
    if (args.isEmpty()) {
      return;
    }
    Tok t = args.get(0);
    reader.use(t, site, "source", s);
    String f = t.resolved() ? s.resolve(t.text()) : null;
    if (f == null) {
      return;
    }
    String where = "source " + t.text();
    if (f.endsWith("/etc/profile.d/conda.sh") || f.endsWith("/etc/profile.d/mamba.sh")) {
      conda.root(f.substring(0, f.indexOf("/etc/profile.d/")), site, where, s);
      return;
    }
    if (HostFs.basename(f).equals("activate") && HostFs.basename(HostFs.parent(f)).equals("bin")) {
      conda.sourceActivate(HostFs.parent(HostFs.parent(f)), args.size() > 1 ? args.get(1) : null, site, where, s);
      return;
    }
    if (ctx.judge().isContractEnvFile(f)) {
      envFile(f, site, guarded, s);
      return;
    }
    Optional<List<String>> lines = ctx.fs().readLines(f);
    if (lines.isPresent() && depth < MAX_DEPTH) {
      depth++;
      try {
        reader.script(f, lines.get(), s); // a sourced file runs in this shell: its findings are its own lines
      } finally {
        depth--;
      }
    }
  }

  private void envFile(String f, Site site, boolean guarded, ShellSession s) {
    ctx.envFileLoadAttempted();
    String file = ctx.contract().envFile();
    Optional<List<String>> lines = ctx.fs().readLines(f);
    if (lines.isEmpty()) {
      ctx.finding(FindingKind.ENV_FILE_MISSING, guarded ? Severity.WARNING : Severity.ERROR, site,
          "source " + f + ": the file does not exist, so " + (guarded
              ? "the script skips it and runs without its settings"
              : "bash fails here (with set -e the script stops; without, it runs without the contract's settings)"),
          file, "(missing)");
      return;
    }
    for (var e : EnvFile.parse(lines.get())) {
      s.set(e.key(), Value.of(e.value(), new Located(e.value(), file, e.line())));
    }
    s.envFileLoaded();
  }
}
