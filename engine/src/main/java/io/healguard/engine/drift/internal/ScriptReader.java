package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.drift.internal.CommandReader.SimpleCommand;
import io.healguard.engine.drift.internal.ShellLexer.Segment;
import io.healguard.engine.drift.internal.ShellLexer.Tok;
import io.healguard.engine.drift.internal.Value.Expansion;
import io.healguard.engine.systemd.ExecSearch;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows bash the way it matters for the contract: each simple command's program is found as
 * bash finds it (a path against the current directory, a plain name through the shell's PATH)
 * and judged; {@code cd}, {@code source} and assignments change the shell's state; conda's
 * commands are {@link CondaCommands}' business. It is a reader, not a shell: control flow is
 * ignored and a value it cannot know ({@code $1}, command output) leaves that word unjudged.
 */
public final class ScriptReader {
  private static final Set<String> QUIET = Set.of(
      "echo", "printf", "logger", ":", "test", "[", "[[", "read", "trap", "set", "shift",
      "return", "exit", "unset", "mkdir", "rm", "cp", "mv", "ls", "chmod", "chown", "install", "ln", "fi",
      "done", "esac", "case", "for", "in", "function", "wait", "true", "false", "sleep", "systemctl", "popd");
  private static final Set<String> SHELLS = Set.of("bash", "sh", "dash", "zsh", "ksh");
  private static final Set<String> CONDAS = Set.of("conda", "mamba", "micromamba");
  private static final java.util.regex.Pattern SHEBANG = java.util.regex.Pattern.compile("#!.*\\b(ba|da|z|k)?sh\\b.*");

  private final CheckContext ctx;
  private final Classifier classifier;
  private final CondaCommands conda;
  private final SourceCommand sourced;

  public ScriptReader(CheckContext ctx) {
    this.ctx = ctx;
    this.classifier = new Classifier(ctx);
    this.conda = new CondaCommands(ctx, this);
    this.sourced = new SourceCommand(ctx, this, conda);
  }

  public void script(String file, List<String> lines, ShellSession s) {
    for (ScriptLines.Line l : ScriptLines.of(lines)) {
      line(l.text(), new Site(file, l.number(), s.unit()), "script line", s);
    }
  }

  /** One command line found elsewhere: a unit's {@code sh -c}, a watchdog hook, a command substitution. */
  public void snippet(String text, Site site, String where, ShellSession s) {
    line(text, site, where, s);
  }

  /** An already split command, a unit's {@code Exec*=} line after systemd's own expansion. */
  public void command(List<Tok> words, Site site, String where, ShellSession s) {
    s.at(site, where);
    simple(CommandReader.read(words), site, where, false, s);
  }

  private void line(String text, Site site, String where, ShellSession s) {
    s.at(site, where);
    List<Segment> segments = ShellLexer.lex(text, s);
    for (int i = 0; i < segments.size(); i++) {
      Segment seg = segments.get(i);
      boolean guarded = (seg.before().equals("&&") && i > 0 && isTest(segments.get(i - 1)))
          || (i + 1 < segments.size() && segments.get(i + 1).before().equals("||"));
      simple(CommandReader.read(seg.words()), site, where, guarded, s);
    }
  }

  private static boolean isTest(Segment seg) {
    String w = seg.words().get(0).text();
    return w.equals("[") || w.equals("[[") || w.equals("test");
  }

  private void simple(SimpleCommand c, Site site, String where, boolean guarded, ShellSession s) {
    // VAR=x cmd: x is cmd's only, so cmd runs in a copy; a bare VAR=x or a declaration stays
    ShellSession target = c.persistent() || c.assignments().isEmpty() ? s : s.child();
    for (Tok a : c.assignments()) {
      assign(a, site, where, target);
    }
    if (c.program() == null) {
      return;
    }
    Tok cmd = c.program();
    if (!cmd.resolved()) {
      use(cmd, site, where, target);
      return;
    }
    String w = cmd.text();
    String base = HostFs.basename(w);
    if (w.equals("source") || w.equals(".")) {
      sourced.source(c.args(), site, guarded, target);
    } else if (w.equals("cd") || w.equals("pushd")) {
      cd(c.args(), site, target);
    } else if (w.equals("eval")) {
      String root = target.takeHookRoot();
      if (root != null) {
        target.condaRoot(root);
      }
    } else if (QUIET.contains(w)) {
      return; // it prints, tests or moves files; what it names does not run
    } else if (CONDAS.contains(base)) {
      conda.run(cmd, c.args(), site, target);
    } else if (SHELLS.contains(base)) {
      shell(c.args(), site, where + " " + base, target);
    } else {
      program(cmd, site, where, target);
      for (Tok t : c.args()) {
        argument(t, site, where, target);
      }
    }
  }

  private void assign(Tok a, Site site, String where, ShellSession s) {
    String name = a.text().substring(0, a.text().indexOf('='));
    String text = a.text().substring(a.text().indexOf('=') + 1);
    Located origin = new Located(text, site.file(), site.line() == null ? 1 : site.line());
    Value v = new Value(a.resolved() ? text : "$", origin, a.expansions());
    if (name.equals("PATH")) {
      // only what this line adds: entries that came in through $PATH were judged where they were written
      List<String> before = s.path() == null ? List.of() : s.path();
      String added = String.join(":", ExecSearch.dirs(text).stream().filter(d -> !before.contains(d)).toList());
      classifier.path(added, site, "PATH");
      ctx.used(a.expansions(), site, "PATH=", s.whyUnset(ctx.contract().envFile()));
    } else if (name.equals("MAMBA_ROOT_PREFIX") && a.resolved()) {
      conda.root(text, site, "MAMBA_ROOT_PREFIX", s);
    } else if (a.resolved()) {
      ctx.environmentValue(name, v, site, "the script and what it runs see it, but no line here expands it");
    }
    s.set(name, v);
  }

  /** The program of a command, found as bash finds it, and judged. */
  void program(Tok cmd, Site site, String where, ShellSession s) {
    use(cmd, site, where, s);
    String w = cmd.text();
    String how = fromVariable(cmd);
    if (w.startsWith("/")) {
      classifier.program(w, site, where, how, true, false);
      followScript(w, s);
      return;
    }
    if (w.contains("/")) {
      String abs = s.resolve(w);
      if (abs == null) {
        if (CondaLayout.isPython(HostFs.basename(w))) {
          ctx.ref(Reference.of(Reference.Kind.INTERPRETER, w, site, where).how(how));
        }
        return;
      }
      classifier.program(abs, site, where, join(w + " relative to " + s.cwd(), how), true, false);
      followScript(abs, s);
      return;
    }
    lookUp(w, site, where, how, s);
  }

  private void lookUp(String name, Site site, String where, String how, ShellSession s) {
    List<String> path = s.path();
    if (path == null) {
      // PATH unknown, but python3.10 cannot be the contract's python3.11 whatever PATH holds
      if (CondaLayout.isPython(name) && !ctx.judge().isContractAlias(name)) {
        ctx.finding(FindingKind.INTERPRETER_MISMATCH, Severity.ERROR, site, where + " runs " + name
            + " from PATH, but the contract's interpreter is Python " + ctx.judge().pythonVersion(),
            ctx.contract().python(), name);
      }
      return;
    }
    Optional<String> found = PathLookup.find(ctx, name, path);
    if (found.isPresent()) {
      classifier.program(found.get(), site, where, join(name + " found on PATH", how), true, true);
      followScript(found.get(), s);
    } else if (CondaLayout.isPython(name)) {
      ctx.finding(FindingKind.INTERPRETER_MISMATCH, Severity.ERROR, site, name + " is on no directory of PATH ("
          + String.join(":", path) + "), so this command fails instead of running the contract's interpreter",
          ctx.contract().python(), "(not found)");
    }
  }

  private void argument(Tok t, Site site, String where, ShellSession s) {
    use(t, site, where, s);
    if (t.resolved() && t.text().startsWith("/")) {
      if (s.strictArgs() && CondaLayout.isPython(HostFs.basename(t.text()))) {
        classifier.program(t.text(), site, where, "", true, false);
      } else {
        classifier.argument(t.text(), site, where);
      }
    }
  }

  private void followScript(String path, ShellSession s) {
    if (s.followsScripts() && isShellScript(path)) {
      s.runsScript(path);
    }
  }

  private boolean isShellScript(String path) {
    return ctx.fs().readLines(path)
        .map(l -> !l.isEmpty() && l.get(0).startsWith("#!") && SHEBANG.matcher(l.get(0)).matches())
        .orElse(false);
  }

  /** Reports the contract variables a used word expanded. */
  void use(Tok t, Site site, String where, ShellSession s) {
    ctx.used(t.expansions(), site, where, s.whyUnset(ctx.contract().envFile()));
  }

  static String fromVariable(Tok t) {
    for (Expansion e : t.expansions()) {
      if (e.value() != null && e.value().origin() != null) {
        Located o = e.value().origin();
        return "$" + e.name() + " set at " + o.file() + ":" + o.line();
      }
    }
    return "";
  }

  static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
  }

  private void cd(List<Tok> args, Site site, ShellSession s) {
    if (args.isEmpty()) {
      s.cd(s.home());
      return;
    }
    Tok t = args.get(0).text().equals("--") && args.size() > 1 ? args.get(1) : args.get(0);
    use(t, site, "cd", s);
    s.cd(t.resolved() && !t.text().equals("-") ? s.resolve(t.text()) : null);
  }

  private void shell(List<Tok> args, Site site, String where, ShellSession s) {
    for (int j = 0; j < args.size(); j++) {
      Tok a = args.get(j);
      if (a.text().equals("-c") && j + 1 < args.size()) {
        // the string is shell again, with the same variables (a unit's environment, for Exec=)
        snippet(args.get(j + 1).text(), site, where + " -c", s.child());
        return;
      }
      if (a.text().startsWith("-")) {
        continue;
      }
      use(a, site, where, s);
      String script = a.resolved() ? s.resolve(a.text()) : null;
      if (script != null) {
        s.runsScript(script);
      }
      return;
    }
  }
}
