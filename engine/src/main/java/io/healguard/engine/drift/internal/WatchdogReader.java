package io.healguard.engine.drift.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.healguard.engine.drift.internal.Reference.Kind;
import io.healguard.engine.drift.internal.Reference.Site;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a watchdog config whose shape we do not own: every string value anywhere is read as a
 * command line, except values of working-directory and env-file keys, which are those paths.
 * Streaming (not a tree) so each value keeps its line.
 */
public final class WatchdogReader {
  private static final Set<String> WORKDIR_KEYS = Set.of("cwd", "working_dir", "workdir", "working_directory", "workingdir");
  private static final Set<String> ENV_FILE_KEYS = Set.of("env_file", "environment_file", "envfile");
  private static final YAMLFactory YAML = new YAMLFactory();

  private final ShellScanner shell;

  public WatchdogReader(ShellScanner shell) {
    this.shell = shell;
  }

  /** References in the file; throws IOException when it is not YAML. */
  public List<Reference> read(String file, List<String> lines) throws IOException {
    List<Reference> refs = new java.util.ArrayList<>();
    try (JsonParser p = YAML.createParser(String.join("\n", lines))) {
      Deque<String> names = new ArrayDeque<>();
      String name = "";
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case FIELD_NAME -> name = p.currentName();
          case START_OBJECT, START_ARRAY -> names.push(name);
          case END_OBJECT, END_ARRAY -> name = names.isEmpty() ? "" : names.pop();
          case VALUE_STRING -> value(file, lines, name.toLowerCase(Locale.ROOT), p.getText(),
              p.currentTokenLocation().getLineNr(), refs);
          default -> { }
        }
      }
    }
    return refs;
  }

  private void value(String file, List<String> lines, String key, String text, int line, List<Reference> refs) {
    Site site = new Site(file, line, null);
    String where = "watchdog " + key;
    if (WORKDIR_KEYS.contains(key) || ENV_FILE_KEYS.contains(key)) {
      String v = text.strip();
      if (Classifier.unresolved(v)) {
        return;
      }
      Kind kind = !v.startsWith("/") ? Kind.RELATIVE : WORKDIR_KEYS.contains(key) ? Kind.WORKDIR : Kind.ENV_FILE;
      refs.add(new Reference(kind, v, site, where));
      return;
    }
    String[] parts = text.split("\n", -1);
    // a block scalar (key: |) starts on the line after its indicator
    int first = parts.length > 1 && line <= lines.size() && lines.get(line - 1).strip().matches(".*[|>][-+]?\\d*$") ? line + 1 : line;
    for (int k = 0; k < parts.length; k++) {
      if (!parts[k].isBlank()) {
        refs.addAll(shell.scanSnippet(parts[k], site.at(first + k), where, Map.of(), null, true).refs());
      }
    }
  }
}
