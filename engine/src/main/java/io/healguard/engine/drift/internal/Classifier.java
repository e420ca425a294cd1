package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.internal.Reference.Kind;
import io.healguard.engine.drift.internal.Reference.Site;
import java.util.List;
import java.util.Set;

/**
 * Turns one expanded word or one {@code NAME=value} assignment into references. Words that are
 * not about the runtime (most of them) yield nothing; a word still holding an unexpanded
 * {@code $} or {@code ~} is skipped because guessing its value is how false positives start.
 */
public final class Classifier {
  /** The package manager's own binaries live in the base env's bin/ without being "the app's env". */
  private static final Set<String> MANAGERS = Set.of("conda", "mamba", "micromamba", "activate", "deactivate", "conda-env");

  private final Judge judge;

  public Classifier(Judge judge) {
    this.judge = judge;
  }

  public static boolean unresolved(String w) {
    return w.isEmpty() || w.contains("$") || w.startsWith("~") || w.contains("`");
  }

  /** {@code strictPython}: any interpreter path counts, not only one inside a conda prefix. */
  public void word(String w, Site site, String where, boolean strictPython, List<Reference> out) {
    int eq = w.indexOf('=');
    if (eq > 0 && w.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
      assignment(w.substring(0, eq), w.substring(eq + 1), site, where, out);
      return;
    }
    if (eq > 0 && w.startsWith("-") && eq + 1 < w.length()) {
      w = w.substring(eq + 1); // --python=/opt/...: the value is what runs
    }
    if (unresolved(w)) {
      return;
    }
    if (!w.startsWith("/")) {
      if (w.contains("/") && (w.startsWith("envs/") || w.contains("/envs/")
          || (Judge.isPython(HostFs.basename(w)) && w.contains("bin/")))) {
        out.add(new Reference(Kind.RELATIVE, w, site, where));
      }
      return;
    }
    String path = HostFs.normalize(w);
    String base = HostFs.basename(path);
    String dir = HostFs.parent(path);
    boolean inCondaBin = HostFs.basename(dir).equals("bin") && judge.isCondaPrefix(HostFs.parent(dir));
    if (Judge.isPython(base)) {
      if (strictPython || inCondaBin) {
        out.add(new Reference(Kind.INTERPRETER, w, site, where));
      }
    } else if (inCondaBin && !MANAGERS.contains(base)) {
      out.add(new Reference(Kind.ENV_TOOL, HostFs.parent(dir), site, where));
    }
  }

  public void assignment(String name, String value, Site site, String where, List<Reference> out) {
    String w = where + " " + name;
    switch (name) {
      case "PATH" -> {
        for (String entry : value.split(":")) {
          pathEntry(entry, site, w, out);
        }
        return;
      }
      case "CONDA_PREFIX" -> add(Kind.ENV_PREFIX, value, site, w, out);
      case "CONDA_ROOT_PREFIX", "MAMBA_ROOT_PREFIX", "CONDA_ROOT" -> add(Kind.CONDA_ROOT, value, site, w, out);
      case "CONDA_DEFAULT_ENV", "CONDA_ENV_NAME" -> {
        if (!unresolved(value) && !value.isEmpty()) {
          out.add(new Reference(value.contains("/") ? Kind.ENV_PREFIX : Kind.ENV_NAME, value, site, w));
        }
      }
      case "APP_PYTHON" -> add(Kind.INTERPRETER, value, site, w, out);
      case "APP_WORKDIR" -> add(Kind.WORKDIR, value, site, w, out);
      default -> {
        for (String part : value.split("[\\s:]+")) {
          if (!part.isEmpty() && !part.contains("=")) {
            word(part, site, w, false, out);
          }
        }
      }
    }
  }

  private void add(Kind kind, String value, Site site, String where, List<Reference> out) {
    if (!unresolved(value)) {
      out.add(new Reference(kind, value, site, where));
    }
  }

  // only envs/<name>/bin entries are judged: <root>/bin on PATH is how scripts find conda itself
  private void pathEntry(String entry, Site site, String where, List<Reference> out) {
    if (unresolved(entry)) {
      return;
    }
    String e = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
    if (!e.endsWith("/bin")) {
      return;
    }
    String prefix = e.substring(0, e.length() - 4);
    if (!e.startsWith("/")) {
      if (prefix.contains("envs/")) {
        out.add(new Reference(Kind.RELATIVE, entry, site, where));
      }
      return;
    }
    if (HostFs.basename(HostFs.parent(prefix)).equals("envs") || prefix.equals(judge.contract().envPrefix())) {
      out.add(new Reference(Kind.ENV_PREFIX, prefix, site, where));
    }
  }
}
