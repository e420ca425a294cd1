package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.drift.internal.YamlTree.Node;
import io.healguard.engine.systemd.EnvFile;
import io.healguard.engine.systemd.Located;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a watchdog config whose shape we do not own: every string value anywhere is read as a
 * command line (a list of strings as one command's words), except working-directory and env-file
 * keys. Such a key applies to the mapping it sits in and everything below it, so a hook's
 * relative interpreter resolves against its own {@code cwd}; without one it depends on where the
 * watchdog runs, which this check cannot know.
 */
public final class WatchdogReader {
  private static final Set<String> WORKDIR_KEYS = Set.of("cwd", "working_dir", "workdir", "working_directory", "workingdir");
  private static final Set<String> ENV_FILE_KEYS = Set.of("env_file", "environment_file", "envfile");

  private final CheckContext ctx;
  private final ScriptReader scripts;

  public WatchdogReader(CheckContext ctx, ScriptReader scripts) {
    this.ctx = ctx;
    this.scripts = scripts;
  }

  /** What a mapping's commands inherit. */
  private record Scope(String cwd, Map<String, Value> env, boolean loaded, String notLoaded) {}

  /** Reads the file; throws IOException when it is not YAML. */
  public void read(String file, List<String> lines) throws IOException {
    Node root = YamlTree.parse(String.join("\n", lines));
    Map<String, Value> env = new HashMap<>();
    env.put("PATH", new Value("$PATH", null, List.of())); // the watchdog's own PATH is not known here
    walk(file, lines, root, new Scope(null, env, false, "the watchdog config loads no env file"));
  }

  private void walk(String file, List<String> lines, Node node, Scope inherited) {
    Scope scope = inherited;
    for (Node c : node.children()) {
      if (c.scalar() && isKey(c, ENV_FILE_KEYS)) {
        scope = envFile(new Site(file, c.line(), null), "watchdog key " + c.key(), c.text().strip(), scope);
      }
    }
    for (Node c : node.children()) {
      if (c.scalar() && isKey(c, WORKDIR_KEYS)) {
        scope = workingDirectory(new Site(file, c.line(), null), "watchdog key " + c.key(), c.text().strip(), scope);
      }
    }
    for (Node c : node.children()) {
      if (c.scalar()) {
        if (!isKey(c, WORKDIR_KEYS) && !isKey(c, ENV_FILE_KEYS)) {
          command(file, lines, c, c.text(), scope);
        }
      } else if (!c.children().isEmpty() && c.children().stream().allMatch(Node::scalar) && isList(c)) {
        command(file, lines, c, String.join(" ", c.items().stream().map(WatchdogReader::quote).toList()), scope);
      } else {
        walk(file, lines, c, scope);
      }
    }
  }

  private static boolean isList(Node n) {
    return n.children().stream().allMatch(c -> c.key().equals(n.key()));
  }

  private static boolean isKey(Node n, Set<String> keys) {
    return keys.contains(n.key().toLowerCase(Locale.ROOT));
  }

  private static String quote(String word) {
    return word.matches("[A-Za-z0-9_./@%+:=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  private Scope workingDirectory(Site site, String where, String v, Scope scope) {
    if (Classifier.unresolved(v)) {
      return scope;
    }
    ctx.ref(Reference.of(Reference.Kind.WORKDIR, v, site, where));
    return v.startsWith("/") ? new Scope(v, scope.env(), scope.loaded(), scope.notLoaded()) : scope;
  }

  private Scope envFile(Site site, String where, String path, Scope scope) {
    if (Classifier.unresolved(path) || !path.startsWith("/")) {
      return scope;
    }
    boolean contract = ctx.judge().isContractEnvFile(path);
    Optional<List<String>> lines = ctx.fs().readLines(path);
    if (contract) {
      ctx.envFileLoadAttempted();
      ctx.ref(Reference.of(Reference.Kind.ENV_FILE, path, site, where));
    }
    if (lines.isEmpty()) {
      ctx.finding(FindingKind.ENV_FILE_MISSING, Severity.WARNING, site, where + " names " + path
          + ", which does not exist: the watchdog runs its hooks without those settings, or fails, depending on the watchdog",
          path, "(missing)");
      return new Scope(scope.cwd(), scope.env(), false, path + " (the watchdog's env file) does not exist");
    }
    Map<String, Value> env = new HashMap<>(scope.env());
    String origin = contract ? ctx.contract().envFile() : path;
    for (EnvFile.Entry e : EnvFile.parse(lines.get())) {
      env.put(e.key(), Value.of(e.value(), new Located(e.value(), origin, e.line())));
    }
    return new Scope(scope.cwd(), env, contract || scope.loaded(),
        "the watchdog loads " + path + ", not the contract's env file " + ctx.contract().envFile());
  }

  private void command(String file, List<String> lines, Node n, String text, Scope scope) {
    if (text.isBlank()) {
      return;
    }
    String[] parts = text.split("\n", -1);
    int line = n.line();
    // a block scalar (key: |) starts on the line after its indicator
    int first = parts.length > 1 && line <= lines.size() && lines.get(line - 1).strip().matches(".*[|>][-+]?\\d*$") ? line + 1 : line;
    ShellSession s = new ShellSession(scripts, scope.env(), null, scope.cwd(), null, true, scope.loaded(), scope.notLoaded(), null);
    for (int k = 0; k < parts.length; k++) {
      if (!parts[k].isBlank()) {
        scripts.snippet(parts[k], new Site(file, first + k, null), "watchdog " + n.key(), s);
      }
    }
  }
}
