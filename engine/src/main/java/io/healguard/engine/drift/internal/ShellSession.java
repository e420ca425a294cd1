package io.healguard.engine.drift.internal;

import io.healguard.engine.systemd.ExecSearch;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The state of one shell as the reader follows it down a script: variables (with where each was
 * set), whose {@code ~} it is, the current directory (null when unknown: a script no unit runs
 * starts wherever its caller was), the conda installation it selected, and whether it loaded the
 * contract's env file. A subshell or command substitution reads with a {@link #child()}.
 */
public final class ShellSession implements ShellLexer.Expander {
  private final ScriptReader reader;
  private final Map<String, Value> vars;
  private final String home;
  private final String unit;
  private final boolean strictArgs;
  private final BiConsumer<String, String> scriptRuns;
  private final String notLoaded;
  private String cwd;
  private String condaRoot;
  private String hookRoot;
  private boolean envFileLoaded;
  private Site site;
  private String where = "";

  /**
   * {@code notLoaded} says why the env file's values are absent until the shell sources it ("the
   * script does not source /etc/app/runtime.env"); {@code scriptRuns} receives (script, cwd) for
   * each shell script a command runs, or is null when nobody follows them.
   */
  public ShellSession(ScriptReader reader, Map<String, Value> vars, String home, String cwd, String unit,
      boolean strictArgs, boolean envFileLoaded, String notLoaded, BiConsumer<String, String> scriptRuns) {
    this.reader = reader;
    this.vars = new HashMap<>(vars);
    this.home = home;
    this.cwd = cwd;
    this.unit = unit;
    this.strictArgs = strictArgs;
    this.envFileLoaded = envFileLoaded;
    this.notLoaded = notLoaded;
    this.scriptRuns = scriptRuns;
    if (home != null) {
      this.vars.putIfAbsent("HOME", Value.of(home, null));
    }
    this.vars.putIfAbsent("PATH", Value.of(ExecSearch.DEFAULT_PATH, null));
  }

  /** A subshell: the same state, whose changes do not come back. */
  public ShellSession child() {
    ShellSession c = new ShellSession(reader, vars, home, cwd, unit, strictArgs, envFileLoaded, notLoaded, scriptRuns);
    c.condaRoot = condaRoot;
    c.site = site;
    c.where = where;
    return c;
  }

  @Override
  public Value variable(String name) {
    return vars.get(name);
  }

  @Override
  public String home() {
    return home;
  }

  @Override
  public void substitution(String command) {
    ShellSession sub = child();
    reader.snippet(command, site, where, sub);
    if (sub.hookRoot != null) {
      hookRoot = sub.hookRoot; // eval "$(conda shell.bash hook)" selects it in this shell
    }
  }

  /** Sets where the reader is, for messages and for what command substitutions report. */
  public void at(Site newSite, String newWhere) {
    site = newSite;
    where = newWhere;
  }

  public void set(String name, Value v) {
    vars.put(name, v);
  }

  public void unset(String name) {
    vars.remove(name);
  }

  public String unit() {
    return unit;
  }

  public boolean strictArgs() {
    return strictArgs;
  }

  public String cwd() {
    return cwd;
  }

  public void cd(String dir) {
    cwd = dir;
  }

  /** An absolute path as this shell sees it: relative ones against the current directory, or null when that is unknown. */
  public String resolve(String path) {
    if (path.startsWith("/")) {
      return HostFs.normalize(path);
    }
    return cwd == null ? null : HostFs.normalize(cwd + "/" + path);
  }

  public String condaRoot() {
    return condaRoot;
  }

  public void condaRoot(String root) {
    condaRoot = root;
  }

  public void hookRoot(String root) {
    hookRoot = root;
  }

  /** The root a preceding {@code $(... shell hook)} produced, once: {@code eval} applies it. */
  public String takeHookRoot() {
    String r = hookRoot;
    hookRoot = null;
    return r;
  }

  public void envFileLoaded() {
    envFileLoaded = true;
  }

  /** Why a contract variable is not set in this shell, for the finding's message. */
  public String whyUnset(String envFile) {
    return envFileLoaded ? envFile + " does not set it" : notLoaded;
  }

  /** PATH's directories, or null when PATH holds something unknowable. */
  public List<String> path() {
    Value p = vars.get("PATH");
    if (p == null) {
      return ExecSearch.dirs(ExecSearch.DEFAULT_PATH);
    }
    return Classifier.unresolved(p.text()) ? null : ExecSearch.dirs(p.text());
  }

  /** Puts an environment's bin/ first on PATH, as activation does, and sets CONDA_PREFIX to it. */
  public void activate(String prefix, Located at) {
    Value old = vars.get("PATH");
    String rest = old == null ? ExecSearch.DEFAULT_PATH : old.text();
    vars.put("PATH", new Value(prefix + "/bin:" + rest, at, old == null ? List.of() : old.via()));
    vars.put("CONDA_PREFIX", Value.of(prefix, at));
  }

  public void runsScript(String script) {
    if (scriptRuns != null) {
      scriptRuns.accept(script, cwd);
    }
  }

  public boolean followsScripts() {
    return scriptRuns != null;
  }
}
