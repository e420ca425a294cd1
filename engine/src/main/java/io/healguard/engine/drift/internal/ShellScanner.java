package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.internal.Reference.Kind;
import io.healguard.engine.drift.internal.Reference.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads bash the way it matters for conda: comments are not references, variables set earlier
 * (or by a sourced env file, or by the unit that runs the script) are expanded, and conda's
 * activation forms ({@code conda.sh}, {@code shell.bash hook}, {@code activate}, {@code run},
 * micromamba's {@code -r}) become references. It is a reader, not a shell: control flow is ignored
 * and a value it cannot know ({@code $1}, command output) leaves the word unjudged.
 */
public final class ShellScanner {
  private static final Set<String> WRAPPERS = Set.of(
      "if", "then", "else", "elif", "do", "while", "until", "!", "time", "{", "}", "exec", "nohup",
      "command", "builtin", "setsid", "nice", "ionice", "stdbuf");
  private static final Set<String> DECLARE = Set.of("export", "local", "declare", "readonly", "typeset");
  private static final Set<String> QUIET = Set.of(
      "echo", "printf", "logger", "cd", "pushd", ":", "test", "[", "[[", "read", "trap", "set", "shift",
      "return", "exit", "unset", "mkdir", "rm", "cp", "mv", "ls", "chmod", "chown", "install", "ln", "fi",
      "done", "esac", "case", "for", "in", "function", "wait", "true", "false", "sleep", "systemctl");
  private static final Set<String> SHELLS = Set.of("bash", "sh", "dash", "zsh", "ksh");
  private static final Set<String> CONDAS = Set.of("conda", "mamba", "micromamba");
  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final HostFs fs;
  private final Judge judge;
  private final Classifier classifier;

  public ShellScanner(HostFs fs, Judge judge, Classifier classifier) {
    this.fs = fs;
    this.judge = judge;
    this.classifier = classifier;
  }

  /** What reading one script or snippet produced. */
  public static final class Scan {
    final List<Reference> refs = new ArrayList<>();
    final Map<String, String> vars;
    final String home;
    final boolean strict;
    final Consumer<String> scriptRuns;
    boolean sourcedEnvFile;

    Scan(Map<String, String> vars, String home, boolean strict, Consumer<String> scriptRuns) {
      this.vars = new HashMap<>(vars);
      this.home = home;
      this.strict = strict;
      this.scriptRuns = scriptRuns;
      if (home != null) {
        this.vars.put("HOME", home);
      }
    }

    public List<Reference> refs() {
      return refs;
    }

    public boolean sourcedEnvFile() {
      return sourcedEnvFile;
    }
  }

  /**
   * Reads a script file. {@code home} is whose {@code ~} and {@code $HOME} it sees (null when no
   * unit runs it, so such paths are left unjudged); {@code env} is what the running unit exports.
   */
  public Scan scanScript(String file, List<String> lines, Map<String, String> env, String home, String unit) {
    Scan scan = new Scan(env, home, false, null);
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
      line(text, new Site(file, start, unit), "script line", scan);
    }
    return scan;
  }

  /** Reads one command line found elsewhere (a unit's {@code bash -c}, a watchdog hook). */
  public Scan scanSnippet(String text, Site site, String where, Map<String, String> env, String home, boolean strict) {
    Scan scan = new Scan(env, home, strict, null);
    line(text, site, where, scan);
    return scan;
  }

  /** Judges an already split command (a unit's Exec= line); scripts it runs go to {@code scriptRuns}. */
  public Scan scanCommand(List<String> words, Site site, String where, Map<String, String> env, String home, Consumer<String> scriptRuns) {
    Scan scan = new Scan(env, home, true, scriptRuns);
    List<Tok> toks = new ArrayList<>();
    for (String w : words) {
      toks.add(new Tok(w, true));
    }
    command(toks, site, where, scan);
    return scan;
  }

  record Tok(String text, boolean resolved) {}

  private void line(String text, Site site, String where, Scan scan) {
    for (List<Tok> segment : tokenize(text, site, where, scan)) {
      command(segment, site, where, scan);
    }
  }

  // --- tokenizer: quotes, expansions, separators -------------------------------------------

  private List<List<Tok>> tokenize(String s, Site site, String where, Scan scan) {
    List<List<Tok>> segments = new ArrayList<>();
    List<Tok> seg = new ArrayList<>();
    StringBuilder cur = null;
    boolean resolved = true;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == 0 && (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|' || c == '(' || c == ')')) {
        if (cur != null) {
          seg.add(new Tok(cur.toString(), resolved));
          cur = null;
          resolved = true;
        }
        if (!Character.isWhitespace(c) && !seg.isEmpty()) {
          segments.add(seg);
          seg = new ArrayList<>();
        }
        continue;
      }
      if (quote == 0 && c == '#' && cur == null) {
        break; // a comment, to the end of the line
      }
      if (cur == null) {
        cur = new StringBuilder();
      }
      if (quote != '\'' && c == '\\' && i + 1 < s.length()) {
        cur.append(s.charAt(++i));
      } else if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quote = quote == '"' ? 0 : '"';
      } else if (c == '\'' ) {
        quote = '\'';
      } else if (c == '$' || c == '`') {
        int[] end = new int[1];
        String v = expansion(s, i, end, site, where, scan);
        i = end[0];
        if (v == null) {
          resolved = false;
          cur.append('$');
        } else {
          cur.append(v);
        }
      } else if (c == '~' && cur.length() == 0 && quote == 0 && (i + 1 == s.length() || s.charAt(i + 1) == '/'
          || Character.isWhitespace(s.charAt(i + 1)))) {
        if (scan.home == null) {
          resolved = false;
          cur.append('~');
        } else {
          cur.append(scan.home);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur != null) {
      seg.add(new Tok(cur.toString(), resolved));
    }
    if (!seg.isEmpty()) {
      segments.add(seg);
    }
    return segments;
  }

  /** Expands the {@code $...} or backtick at {@code i}; null when the value is not knowable. */
  private String expansion(String s, int i, int[] end, Site site, String where, Scan scan) {
    char c = s.charAt(i);
    if (c == '`' || s.startsWith("$(", i)) {
      int from = c == '`' ? i + 1 : i + 2;
      int close = c == '`' ? s.indexOf('`', from) : matching(s, from);
      if (close < 0) {
        close = s.length();
      }
      // command substitution runs in a subshell: its references count, its assignments do not
      Scan sub = new Scan(scan.vars, scan.home, scan.strict, null);
      line(s.substring(from, close), site, where, sub);
      scan.refs.addAll(sub.refs);
      end[0] = Math.min(close, s.length() - 1);
      return null;
    }
    if (s.startsWith("${", i)) {
      int close = s.indexOf('}', i);
      if (close < 0) {
        end[0] = s.length() - 1;
        return null;
      }
      end[0] = close;
      String body = s.substring(i + 2, close);
      Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(:?[-=])?(.*)").matcher(body);
      if (!m.matches()) {
        return null;
      }
      String v = scan.vars.get(m.group(1));
      if (v != null && !(v.isEmpty() && ":-".equals(m.group(2)))) {
        return v;
      }
      if (m.group(2) != null && (m.group(2).endsWith("-") || m.group(2).endsWith("="))) {
        String dflt = m.group(3);
        return dflt.contains("$") ? null : dflt;
      }
      return null;
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j == i + 1 || !NAME.matcher(s.substring(i + 1, j)).matches()) {
      end[0] = j == i + 1 ? i : j - 1;
      return j == i + 1 && (j == s.length() || Character.isWhitespace(s.charAt(j))) ? "$" : null;
    }
    end[0] = j - 1;
    return scan.vars.get(s.substring(i + 1, j));
  }

  private static int matching(String s, int from) {
    int depth = 1;
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  // --- commands ---------------------------------------------------------------------------

  private void command(List<Tok> toks, Site site, String where, Scan scan) {
    int i = 0;
    List<Tok> assignments = new ArrayList<>();
    boolean declare = false;
    while (i < toks.size()) {
      String w = toks.get(i).text();
      if (toks.get(i).resolved() && w.startsWith("/") && !isAssignment(w)) {
        w = HostFs.basename(w); // /usr/bin/env, /usr/bin/nohup: wrappers by any path
      }
      if (WRAPPERS.contains(w)) {
        i++;
      } else if (w.equals("sudo") || w.equals("env")) {
        i++;
        while (i < toks.size() && toks.get(i).text().startsWith("-")) {
          String o = toks.get(i).text();
          i += (o.equals("-u") || o.equals("-g") || o.equals("-C") || o.equals("--unset")) ? 2 : 1;
        }
      } else if (DECLARE.contains(w)) {
        declare = true;
        i++;
        while (i < toks.size() && toks.get(i).text().startsWith("-")) {
          i++;
        }
      } else if (isAssignment(w)) {
        assignments.add(toks.get(i));
        i++;
      } else {
        break;
      }
    }
    boolean persistent = declare || i >= toks.size();
    for (Tok a : assignments) {
      String name = a.text().substring(0, a.text().indexOf('='));
      String value = a.text().substring(a.text().indexOf('=') + 1);
      // parts of an unresolved value can still be judged: PATH=/opt/x/envs/y/bin:$PATH
      classifier.assignment(name, value, site, where, scan.refs);
      if (persistent) {
        if (a.resolved()) {
          scan.vars.put(name, value);
        } else {
          scan.vars.remove(name);
        }
      }
    }
    if (declare || i >= toks.size()) {
      return;
    }
    Tok cmd = toks.get(i);
    List<Tok> args = toks.subList(i + 1, toks.size());
    String base = HostFs.basename(cmd.text());
    if (!cmd.resolved()) {
      words(args, site, where, scan);
      return;
    }
    if (cmd.text().equals("source") || cmd.text().equals(".")) {
      source(args, site, scan);
    } else if (cmd.text().equals("eval") || QUIET.contains(cmd.text())) {
      return; // eval's $(...) was read by the tokenizer; the rest only prints or tests
    } else if (CONDAS.contains(base)) {
      conda(cmd.text(), args, site, scan);
    } else if (SHELLS.contains(base)) {
      shell(args, site, where, scan);
    } else if (Judge.isPython(base) && !cmd.text().contains("/")) {
      scan.refs.add(new Reference(Kind.BARE_PYTHON, base, site, where));
      words(args, site, where, scan);
    } else {
      classifier.word(cmd.text(), site, where, scan.strict, scan.refs);
      if (scan.scriptRuns != null && cmd.text().startsWith("/") && isShellScript(cmd.text())) {
        scan.scriptRuns.accept(cmd.text());
      }
      words(args, site, where, scan);
    }
  }

  private static boolean isAssignment(String w) {
    int eq = w.indexOf('=');
    return eq > 0 && NAME.matcher(w.substring(0, eq)).matches();
  }

  private void words(List<Tok> args, Site site, String where, Scan scan) {
    for (Tok t : args) {
      if (t.resolved()) {
        classifier.word(t.text(), site, where, false, scan.refs);
      }
    }
  }

  private boolean isShellScript(String path) {
    return fs.readLines(path)
        .map(l -> !l.isEmpty() && l.get(0).startsWith("#!") && l.get(0).matches("#!.*\\b(ba|da|z|k)?sh\\b.*"))
        .orElse(false);
  }

  private void source(List<Tok> args, Site site, Scan scan) {
    if (args.isEmpty() || !args.get(0).resolved()) {
      return;
    }
    String f = args.get(0).text();
    String where = "source " + f;
    if (f.endsWith("/etc/profile.d/conda.sh") || f.endsWith("/etc/profile.d/mamba.sh")) {
      root(f.substring(0, f.indexOf("/etc/profile.d/")), site, where, scan);
      return;
    }
    if (f.equals("activate") || f.endsWith("/bin/activate")) {
      String dir = f.equals("activate") ? null : f.substring(0, f.length() - "/bin/activate".length());
      if (args.size() > 1 && args.get(1).resolved()) {
        if (dir != null) {
          root(dir, site, where, scan);
        }
        env(args.get(1).text(), site, where, scan);
      } else if (dir != null) {
        scan.refs.add(new Reference(dir.startsWith("/") ? Kind.ENV_PREFIX : Kind.RELATIVE, dir, site, where));
      }
      return;
    }
    if (!f.startsWith("/")) {
      return;
    }
    if (judge.isContractEnvFile(f)) {
      scan.sourcedEnvFile = true;
      scan.refs.add(new Reference(Kind.ENV_FILE, f, site, where));
    }
    fs.readLines(f).ifPresent(lines -> {
      for (EnvFile.Entry e : EnvFile.parse(lines)) {
        if (!Classifier.unresolved(e.value())) {
          scan.vars.put(e.key(), e.value());
        }
      }
    });
  }

  private void root(String dir, Site site, String where, Scan scan) {
    if (!Classifier.unresolved(dir)) {
      scan.refs.add(new Reference(dir.startsWith("/") ? Kind.CONDA_ROOT : Kind.RELATIVE, dir, site, where));
    }
  }

  private void env(String nameOrPrefix, Site site, String where, Scan scan) {
    if (Classifier.unresolved(nameOrPrefix)) {
      return;
    }
    if (!nameOrPrefix.contains("/")) {
      scan.refs.add(new Reference(Kind.ENV_NAME, nameOrPrefix, site, where));
    } else {
      scan.refs.add(new Reference(nameOrPrefix.startsWith("/") ? Kind.ENV_PREFIX : Kind.RELATIVE, nameOrPrefix, site, where));
    }
  }

  private void conda(String cmd, List<Tok> args, Site site, Scan scan) {
    String tool = HostFs.basename(cmd);
    if (cmd.startsWith("/") && !tool.equals("micromamba")) {
      // micromamba is a standalone binary; conda and mamba live in their installation's bin/
      String bin = HostFs.parent(cmd);
      if (HostFs.basename(bin).equals("bin") || HostFs.basename(bin).equals("condabin")) {
        root(HostFs.parent(bin), site, tool, scan);
      }
    }
    String sub = null;
    int i = 0;
    for (; i < args.size(); i++) {
      String a = args.get(i).text();
      if (a.equals("-r") || a.equals("--root-prefix")) {
        if (i + 1 < args.size() && args.get(i + 1).resolved()) {
          root(args.get(i + 1).text(), site, tool + " " + a, scan);
        }
        i++;
      } else if (a.startsWith("--root-prefix=")) {
        root(a.substring(14), site, tool + " --root-prefix", scan);
      } else if (!a.startsWith("-")) {
        sub = a;
        break;
      }
    }
    if (sub == null) {
      return;
    }
    String where = tool + " " + sub;
    List<Tok> rest = args.subList(i + 1, args.size());
    switch (sub) {
      case "activate" -> {
        for (int j = 0; j < rest.size(); j++) {
          String a = rest.get(j).text();
          if ((a.equals("-n") || a.equals("--name") || a.equals("-p") || a.equals("--prefix")) && j + 1 < rest.size()) {
            if (rest.get(j + 1).resolved()) {
              env(a.startsWith("-p") || a.equals("--prefix") ? mustPrefix(rest.get(j + 1).text()) : rest.get(j + 1).text(), site, where, scan);
            }
            j++;
          } else if (!a.startsWith("-") && rest.get(j).resolved()) {
            env(a, site, where, scan);
          }
        }
      }
      case "run" -> {
        for (int j = 0; j < rest.size(); j++) {
          String a = rest.get(j).text();
          Tok next = j + 1 < rest.size() ? rest.get(j + 1) : null;
          switch (a) {
            case "-n", "--name", "-p", "--prefix" -> {
              if (next != null && next.resolved()) {
                env(a.startsWith("-p") || a.equals("--prefix") ? mustPrefix(next.text()) : next.text(), site, where + " " + a, scan);
              }
              j++;
            }
            case "-r", "--root-prefix" -> {
              if (next != null && next.resolved()) {
                root(next.text(), site, where + " " + a, scan);
              }
              j++;
            }
            case "--cwd", "-a", "--attach", "--label" -> j++;
            default -> {
              if (a.startsWith("-")) {
                continue;
              }
              command(new ArrayList<>(rest.subList(j, rest.size())), site, where, scan);
              return;
            }
          }
        }
      }
      case "shell" -> {
        for (int j = 0; j + 1 < rest.size(); j++) {
          String a = rest.get(j).text();
          if ((a.equals("-r") || a.equals("--root-prefix")) && rest.get(j + 1).resolved()) {
            root(rest.get(j + 1).text(), site, where + " " + a, scan);
          }
        }
      }
      default -> { }
    }
  }

  // a prefix with no slash ("-p myenv") is a relative path to conda, not a name
  private static String mustPrefix(String p) {
    return p.contains("/") ? p : "./" + p;
  }

  private void shell(List<Tok> args, Site site, String where, Scan scan) {
    for (int j = 0; j < args.size(); j++) {
      String a = args.get(j).text();
      if (a.equals("-c") && j + 1 < args.size()) {
        // the string is shell again, with the same variables (a unit's environment, for Exec=)
        Scan inner = new Scan(scan.vars, scan.home, scan.strict, scan.scriptRuns);
        line(args.get(j + 1).text(), site, where + " -c", inner);
        scan.refs.addAll(inner.refs);
        return;
      }
      if (a.startsWith("-")) {
        continue;
      }
      if (scan.scriptRuns != null && a.startsWith("/") && args.get(j).resolved()) {
        scan.scriptRuns.accept(a);
      }
      return;
    }
  }
}
