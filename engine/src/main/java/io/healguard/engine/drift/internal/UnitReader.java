package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.drift.internal.ShellLexer.Tok;
import io.healguard.engine.drift.internal.Value.Expansion;
import io.healguard.engine.systemd.EffectiveUnit;
import io.healguard.engine.systemd.ExecLine;
import io.healguard.engine.systemd.ExecSearch;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import io.healguard.engine.systemd.Specifiers;
import io.healguard.engine.systemd.UnitEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one unit as systemd would run it: which lines make systemd refuse or ignore something,
 * the env files it loads, its working directory, and each {@code Exec*=} line's program found the
 * way systemd finds it, with arguments expanded from the unit's environment. Scripts the unit runs
 * are handed back with what they inherit: user, environment and directory.
 */
public final class UnitReader {
  /** A script some unit runs, with what it inherits from that unit. */
  public record ScriptRun(String script, String unit, String home, Map<String, Value> env, String cwd,
      boolean envFileLoaded, String notLoaded) {}

  private final CheckContext ctx;
  private final ScriptReader scripts;
  private final Classifier classifier;

  public UnitReader(CheckContext ctx, ScriptReader scripts) {
    this.ctx = ctx;
    this.scripts = scripts;
    this.classifier = new Classifier(ctx);
  }

  public List<ScriptRun> read(EffectiveUnit u) {
    String name = u.name();
    String user = u.user().map(l -> Specifiers.expand(l.value(), name)).orElse(null);
    // scripts started by a unit without User= run as root, whose ~ is root's home
    String home = ctx.passwd().home(user == null ? "root" : user).orElse(null);
    refused(u);
    UnitEnvironment env = UnitEnvironment.of(ctx.fs(), u, user, user == null ? null : home);
    boolean loaded = loads(u, env);
    Map<String, Value> vars = variables(u, env);
    String cwd = workingDirectory(u, home);
    String notLoaded = name + " does not load " + ctx.contract().envFile();
    List<ScriptRun> runs = new ArrayList<>();
    for (Map.Entry<String, List<Located>> e : u.exec().entrySet()) {
      for (Located l : e.getValue()) {
        ShellSession s = new ShellSession(scripts, vars, home, cwd, name, true, loaded, notLoaded,
            (script, at) -> runs.add(new ScriptRun(script, name, home, vars, at, loaded, notLoaded)));
        exec(e.getKey(), l, u, vars, s);
      }
    }
    return runs;
  }

  private void refused(EffectiveUnit u) {
    for (EffectiveUnit.Skipped k : u.skipped()) {
      if (k.key().equals("WorkingDirectory")) {
        continue; // judged with the effective directory below
      }
      Located l = k.line();
      String program = ExecLine.unquote(ExecLine.split(l.value()).rawProgram());
      if (k.fatal() || CondaLayout.isPython(HostFs.basename(program))) {
        ctx.finding(FindingKind.INTERPRETER_MISMATCH, Severity.ERROR, site(l, u), (k.fatal()
            ? "systemd refuses to load " + u.name() + ": the program " + program + " is neither absolute nor a plain name"
            : "systemd ignores this line: the program " + program + " is neither absolute nor a plain name, so it never runs"),
            ctx.contract().python(), program);
      }
    }
  }

  /** The env files the unit names; true when it loads the contract's. */
  private boolean loads(EffectiveUnit u, UnitEnvironment env) {
    boolean loaded = false;
    for (UnitEnvironment.Load load : env.loads()) {
      Site site = site(load.line(), u);
      boolean contract = ctx.judge().isContractEnvFile(load.path());
      if (contract) {
        ctx.envFileLoadAttempted();
      }
      switch (load.status()) {
        case RELATIVE -> ctx.finding(FindingKind.ENV_FILE_NOT_REFERENCED, Severity.ERROR, site,
            "systemd ignores EnvironmentFile=" + load.path() + " because the path is relative, so " + u.name()
                + " runs without it", contract ? ctx.contract().envFile() : "an absolute path", load.path());
        case MISSING -> {
          if (!load.optional()) {
            ctx.finding(FindingKind.ENV_FILE_MISSING, Severity.ERROR, site, "EnvironmentFile=" + load.path()
                + " does not exist and has no '-' prefix, so " + u.name() + " fails to start", load.path(), "(missing)");
          } else if (contract) {
            ctx.finding(FindingKind.ENV_FILE_MISSING, Severity.WARNING, site, "EnvironmentFile=-" + load.path()
                + " does not exist; the '-' makes systemd skip it, so " + u.name() + " runs without the contract's settings",
                load.path(), "(missing)");
          }
        }
        case LOADED -> {
          if (contract) {
            loaded = true;
            ctx.ref(Reference.of(Reference.Kind.ENV_FILE, load.path(), site, "EnvironmentFile="));
          }
        }
      }
    }
    return loaded;
  }

  /**
   * The unit's environment as the shell values its commands see. Values from the contract's env
   * file are judged once for the host by the env file's reader; the unit's own are judged here.
   */
  private Map<String, Value> variables(EffectiveUnit u, UnitEnvironment env) {
    Map<String, Value> vars = new LinkedHashMap<>();
    for (UnitEnvironment.Variable v : env.variables().values()) {
      Located o = v.origin();
      if (o != null && ctx.judge().isContractEnvFile(o.file())) {
        o = new Located(o.value(), ctx.contract().envFile(), o.line());
        vars.put(v.name(), Value.of(v.value(), o));
        continue;
      }
      Value value = Value.of(v.value(), o);
      vars.put(v.name(), value);
      if (o == null) {
        continue;
      }
      Site site = site(o, u);
      if (v.name().equals("PATH")) {
        classifier.path(v.value(), site, "PATH");
      } else if (v.name().equals("MAMBA_ROOT_PREFIX")) {
        ctx.ref(Reference.of(Reference.Kind.CONDA_ROOT, v.value(), site, "MAMBA_ROOT_PREFIX"));
      } else {
        ctx.environmentValue(v.name(), value, site, u.name() + "'s processes get it, but none of its lines expands it");
      }
    }
    return vars;
  }

  /** Judges WorkingDirectory= and answers where the unit's commands start: the directory, or / when systemd has none. */
  private String workingDirectory(EffectiveUnit u, String home) {
    Optional<Located> wd = u.workingDirectory();
    String dir = wd.map(l -> expandDirectory(l.value(), u.name(), home)).orElse("/");
    for (EffectiveUnit.Skipped k : u.skipped()) {
      if (!k.key().equals("WorkingDirectory")) {
        continue;
      }
      Located l = k.line();
      String v = Specifiers.expand(l.value().startsWith("-") ? l.value().substring(1) : l.value(), u.name());
      boolean fatal = k.fatal();
      String message = fatal
          ? "systemd refuses to load " + u.name() + ": WorkingDirectory=" + v + " is relative and has no '-', a fatal error in the unit file"
          : "systemd ignores the relative WorkingDirectory=" + v + ", so " + u.name() + " runs in " + (dir == null ? "its user's home" : dir);
      boolean harmless = !fatal && dir != null && ctx.judge().compare(
          Reference.of(Reference.Kind.WORKDIR, dir, site(l, u), "")) != Judge.Verdict.DIFFERENT;
      ctx.finding(harmless ? FindingKind.OK_NORMALIZED : FindingKind.WORKING_DIR_MISMATCH,
          harmless ? Severity.INFO : Severity.ERROR, site(l, u), message, ctx.contract().workingDir(), v);
    }
    wd.ifPresent(l -> {
      if (dir != null) {
        ctx.ref(Reference.of(Reference.Kind.WORKDIR, dir, site(l, u), "WorkingDirectory="));
      }
    });
    return dir;
  }

  private static String expandDirectory(String raw, String unit, String home) {
    String v = Specifiers.expand(raw.startsWith("-") ? raw.substring(1) : raw, unit);
    return v.equals("~") ? home : v; // "~" is User='s home here, unlike %h
  }

  private void exec(String key, Located l, EffectiveUnit u, Map<String, Value> vars, ShellSession s) {
    Site site = site(l, u);
    List<Expansion> used = new ArrayList<>();
    ExecLine cmd = ExecLine.parse(Specifiers.expand(l.value(), u.name()), n -> {
      Value v = vars.get(n);
      used.add(new Expansion(n, v));
      return v == null ? null : v.text();
    });
    ctx.used(used, site, key, s.whyUnset(ctx.contract().envFile()));
    String program = cmd.program();
    if (program.isEmpty()) {
      return;
    }
    if (program.contains("$")) {
      ctx.finding(FindingKind.INTERPRETER_MISMATCH, Severity.ERROR, site, key + " names its program as " + program
          + "; systemd does not expand variables there, so it looks for a file of that name and the unit fails to start",
          ctx.contract().python(), program);
      return;
    }
    if (!program.startsWith("/")) {
      Optional<String> found = ExecSearch.find(ctx.fs(), program, ExecSearch.forUnit(u));
      if (found.isEmpty() && CondaLayout.isPython(program)) {
        ctx.finding(FindingKind.INTERPRETER_MISMATCH, Severity.ERROR, site, key + " runs " + program
            + ", which is in none of systemd's search directories (" + String.join(":", ExecSearch.forUnit(u))
            + "), so the unit fails to start", ctx.contract().python(), program);
        return;
      }
      program = found.orElse("/usr/bin/" + program);
    }
    List<Tok> words = new ArrayList<>();
    words.add(Tok.literal(program));
    cmd.args().forEach(a -> words.add(Tok.literal(a)));
    scripts.command(words, site, key, s);
  }

  private static Site site(Located l, EffectiveUnit u) {
    return new Site(l.file(), l.line(), u.name());
  }
}
