package io.healguard.engine.drift.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script's logical lines: a trailing backslash joins the next line (a comment line's does not),
 * and heredoc bodies are skipped, because their text is data for some program and not commands.
 * Each logical line keeps the 1-based number of the line it starts on.
 */
public final class ScriptLines {
  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?");

  /** One logical line and the physical line it starts on. */
  public record Line(int number, String text) {}

  private ScriptLines() {}

  public static List<Line> of(List<String> lines) {
    List<Line> out = new ArrayList<>();
    String heredocEnd = null;
    StringBuilder logical = null;
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (heredocEnd != null) {
        if (line.strip().equals(heredocEnd)) {
          heredocEnd = null;
        }
        continue;
      }
      if (logical == null) {
        logical = new StringBuilder();
        start = i + 1;
      }
      if (line.endsWith("\\") && !line.strip().startsWith("#")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      String text = logical.toString();
      logical = null;
      Matcher h = HEREDOC.matcher(text);
      if (h.find()) {
        heredocEnd = h.group(1);
      }
      out.add(new Line(start, text));
    }
    if (logical != null) {
      out.add(new Line(start, logical.toString()));
    }
    return out;
  }
}
