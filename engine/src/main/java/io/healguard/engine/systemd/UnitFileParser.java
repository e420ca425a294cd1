package io.healguard.engine.systemd;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a unit file or drop-in into {@code [Section] Key=Value} directives the way systemd reads
 * them: a trailing backslash joins the next line (the backslash becomes a space), comment lines
 * inside a continuation are skipped, and the directive keeps the line it started on.
 */
public final class UnitFileParser {
  public record Directive(String section, String key, String value, String file, int line) {}

  private UnitFileParser() {}

  public static List<Directive> parse(String file, List<String> lines) {
    List<Directive> out = new ArrayList<>();
    String section = "";
    StringBuilder pending = null;
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (pending != null) {
        if (t.startsWith("#") || t.startsWith(";")) {
          continue;
        }
        if (endsWithBackslash(t)) {
          pending.append(t, 0, t.length() - 1).append(' ');
          continue;
        }
        pending.append(t);
        add(out, section, pending.toString(), file, start);
        pending = null;
        continue;
      }
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
        continue;
      }
      if (t.startsWith("[") && t.endsWith("]")) {
        section = t.substring(1, t.length() - 1);
        continue;
      }
      if (endsWithBackslash(t)) {
        pending = new StringBuilder(t.substring(0, t.length() - 1)).append(' ');
        start = i + 1;
        continue;
      }
      add(out, section, t, file, i + 1);
    }
    if (pending != null) {
      add(out, section, pending.toString(), file, start);
    }
    return out;
  }

  private static boolean endsWithBackslash(String t) {
    return t.endsWith("\\") && !t.endsWith("\\\\");
  }

  private static void add(List<Directive> out, String section, String text, String file, int line) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      return; // systemd logs and ignores such a line; it configures nothing
    }
    out.add(new Directive(section, text.substring(0, eq).strip(), text.substring(eq + 1).strip(), file, line));
  }
}
