package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.systemd.HostFs;

/**
 * Turns one expanded word into references: a program that runs, an argument naming an
 * interpreter or an environment's tool, a {@code PATH} value. Words that are not about the
 * runtime (most of them) yield nothing; a word still holding an unknowable part is skipped,
 * because guessing its value is how false positives start.
 */
public final class Classifier {
  private final CheckContext ctx;

  public Classifier(CheckContext ctx) {
    this.ctx = ctx;
  }

  public static boolean unresolved(String w) {
    return w.isEmpty() || w.contains("$") || w.startsWith("~") || w.contains("`");
  }

  /**
   * The program a command runs, by absolute path. {@code strict}: any interpreter counts, not
   * only one inside a conda environment (a unit's or a hook's program always is the process).
   */
  public void program(String path, Site site, String where, String how, boolean strict, boolean lookedUp) {
    if (unresolved(path) || !path.startsWith("/")) {
      return;
    }
    String p = HostFs.normalize(path);
    Reference r = null;
    if (CondaLayout.isPython(HostFs.basename(p))) {
      if (strict || ctx.layout().environmentOf(p).isPresent()) {
        r = Reference.of(Reference.Kind.INTERPRETER, path, site, where);
      }
    } else if (ctx.layout().isEnvironmentTool(p)) {
      r = Reference.of(Reference.Kind.ENV_TOOL, ctx.layout().environmentOf(p).orElseThrow(), site, where);
    }
    if (r != null) {
      r = r.how(how);
      ctx.ref(lookedUp ? r.foundByLookup() : r);
    }
  }

  /** An argument: {@code --python=/p}, or an interpreter or tool inside some environment's bin/. */
  public void argument(String w, Site site, String where) {
    int eq = w.indexOf('=');
    if (eq > 0 && w.startsWith("-") && eq + 1 < w.length()) {
      w = w.substring(eq + 1);
    }
    program(w, site, where, "", false, false);
  }

  /**
   * A {@code PATH} value: only {@code <env>/bin} entries are judged ({@code <root>/bin} on PATH
   * is how scripts find conda itself), and a relative one only when it names an {@code envs/}.
   */
  public void path(String value, Site site, String where) {
    for (String entry : value.split(":")) {
      if (unresolved(entry)) {
        continue;
      }
      String e = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
      if (!e.endsWith("/bin")) {
        continue;
      }
      String prefix = e.substring(0, e.length() - 4);
      if (!e.startsWith("/")) {
        if (prefix.contains("envs/")) {
          ctx.ref(Reference.of(Reference.Kind.ENV_PREFIX, prefix, site, where));
        }
        continue;
      }
      boolean inEnvs = HostFs.basename(HostFs.parent(prefix)).equals("envs");
      if (inEnvs || ctx.fs().canonical(prefix).equals(ctx.fs().canonical(ctx.contract().envPrefix()))) {
        ctx.ref(Reference.of(Reference.Kind.ENV_PREFIX, prefix, site, where));
      }
    }
  }
}
