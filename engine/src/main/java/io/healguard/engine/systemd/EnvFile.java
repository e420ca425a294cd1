package io.healguard.engine.systemd;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code KEY=VALUE} files as both systemd's EnvironmentFile= and a shell's {@code source} read
 * them: comments, blank lines, optional {@code export}, one level of quotes.
 */
public final class EnvFile {
  public record Entry(String key, String value, int line) {}

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvFile() {}

  public static List<Entry> parse(List<String> lines) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
        continue;
      }
      if (t.startsWith("export ")) {
        t = t.substring(7).strip();
      }
      int eq = t.indexOf('=');
      if (eq <= 0 || !NAME.matcher(t.substring(0, eq)).matches()) {
        continue;
      }
      String v = t.substring(eq + 1).strip();
      if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.endsWith(v.substring(0, 1))) {
        v = v.substring(1, v.length() - 1);
      }
      out.add(new Entry(t.substring(0, eq), v, i + 1));
    }
    return out;
  }
}
