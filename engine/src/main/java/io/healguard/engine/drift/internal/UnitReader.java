package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.internal.Reference.Kind;
import io.healguard.engine.drift.internal.Reference.Site;
import io.healguard.engine.drift.internal.SystemdUnits.EffectiveUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one unit's effective configuration as systemd would run it: specifiers, the environment
 * built from Environment= then EnvironmentFile= (files win), each Exec= line, WorkingDirectory=.
 * Scripts the unit runs are handed back with the user's home and the environment they inherit.
 */
public final class UnitReader {
  /** A script some unit runs, with what it inherits from that unit. */
  public record ScriptRun(String script, String unit, String home, Map<String, String> env, boolean unitLoadsEnvFile) {}

  private record Origin(Site site, String where) {}

  /** What one unit yields. */
  public record Result(List<Reference> refs, List<DriftFinding> findings, List<ScriptRun> scripts) {}

  // systemd's fixed search path for a program given without a directory (systemd.service(5))
  private static final List<String> EXEC_SEARCH_PATH =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private final HostFs fs;
  private final Judge judge;
  private final Classifier classifier;
  private final ShellScanner shell;
  private final Passwd passwd;

  public UnitReader(HostFs fs, Judge judge, Classifier classifier, ShellScanner shell, Passwd passwd) {
    this.fs = fs;
    this.judge = judge;
    this.classifier = classifier;
    this.shell = shell;
    this.passwd = passwd;
  }

  public Result read(EffectiveUnit u) {
    String name = u.name();
    List<Reference> refs = new ArrayList<>();
    List<DriftFinding> findings = new ArrayList<>();
    String user = u.user().map(l -> Specifiers.expand(l.value(), name)).orElse(null);
    String home = user == null ? "/root" : passwd.home(user).orElse(null);

    // the effective environment: Environment= in order, then EnvironmentFile= overriding it;
    // only the value that survives is judged, an overridden assignment is not drift
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, Origin> origin = new LinkedHashMap<>();
    for (Located l : u.environment()) {
      for (String a : ExecCommand.assignments(Specifiers.expand(l.value(), name))) {
        String k = a.substring(0, a.indexOf('='));
        env.put(k, a.substring(a.indexOf('=') + 1));
        origin.put(k, new Origin(site(l, name), "Environment="));
      }
    }
    boolean loadsEnvFile = false;
    for (Located l : u.environmentFiles()) {
      String v = Specifiers.expand(l.value(), name);
      boolean optional = v.startsWith("-");
      String path = optional ? v.substring(1) : v;
      if (!path.startsWith("/")) {
        refs.add(new Reference(Kind.RELATIVE, path, site(l, name), "EnvironmentFile="));
        continue;
      }
      boolean contractFile = judge.isContractEnvFile(path);
      if (contractFile) {
        loadsEnvFile = true;
        refs.add(new Reference(Kind.ENV_FILE, path, site(l, name), "EnvironmentFile="));
      } else if (!fs.isFile(path) && !optional) {
        // the contract's own file is checked once for the host; another missing file fails the unit
        findings.add(DriftFinding.of(FindingKind.ENV_FILE_MISSING, l.file(), l.line(),
            "EnvironmentFile=" + path + " does not exist and has no '-' prefix, so " + name + " fails to start",
            path, "(missing)", name));
      }
      for (EnvFile.Entry e : EnvFile.parse(fs.readLines(path).orElse(List.of()))) {
        env.put(e.key(), e.value());
        // the contract's env file is judged once for the whole host, not once per unit
        origin.put(e.key(), contractFile ? null : new Origin(new Site(path, e.line(), name), "EnvironmentFile " + path + ":"));
      }
    }
    origin.forEach((k, o) -> {
      if (o != null) {
        classifier.assignment(k, env.get(k), o.site(), o.where(), refs);
      }
    });
    if (!loadsEnvFile) {
      findings.add(DriftFinding.of(FindingKind.ENV_FILE_NOT_REFERENCED, u.fragment(), null,
          name + " has no EnvironmentFile=" + judge.contract().envFile(), judge.contract().envFile(), "(not loaded)", name));
    }

    u.workingDirectory().ifPresent(l -> {
      String v = Specifiers.expand(l.value(), name);
      v = v.startsWith("-") ? v.substring(1) : v;
      if (v.equals("~")) {
        if (home == null) {
          return;
        }
        v = home; // "~" is User='s home here, unlike %h
      }
      refs.add(new Reference(v.startsWith("/") ? Kind.WORKDIR : Kind.RELATIVE, v, site(l, name), "WorkingDirectory="));
    });

    List<ScriptRun> scripts = new ArrayList<>();
    final boolean loads = loadsEnvFile;
    Map<String, String> inherited = Map.copyOf(env);
    for (Map.Entry<String, List<Located>> e : u.exec().entrySet()) {
      for (Located l : e.getValue()) {
        exec(e.getKey(), l, name, env, home, refs, findings, s -> scripts.add(new ScriptRun(s, name, home, inherited, loads)));
      }
    }
    return new Result(refs, findings, scripts);
  }

  private void exec(String key, Located l, String unit, Map<String, String> env, String home,
      List<Reference> refs, List<DriftFinding> findings, java.util.function.Consumer<String> scriptRuns) {
    ExecCommand cmd = ExecCommand.parse(Specifiers.expand(l.value(), unit), env);
    String program = cmd.program();
    Site site = site(l, unit);
    if (program.isEmpty()) {
      return;
    }
    if (program.contains("$")) {
      findings.add(DriftFinding.of(FindingKind.RELATIVE_PATH, l.file(), l.line(),
          key + " names its program as " + program + "; systemd does not expand variables in the program, so the unit cannot start",
          "an absolute path", program, unit));
      return;
    }
    if (!program.startsWith("/")) {
      if (program.contains("/")) {
        refs.add(new Reference(Kind.RELATIVE, program, site, key));
        return;
      }
      program = searchPath(program);
    }
    List<String> words = new ArrayList<>();
    words.add(program);
    words.addAll(cmd.args());
    Map<String, String> vars = new LinkedHashMap<>(env);
    ShellScanner.Scan scan = shell.scanCommand(words, site, key, vars, home, scriptRuns);
    refs.addAll(scan.refs());
  }

  private String searchPath(String program) {
    for (String dir : EXEC_SEARCH_PATH) {
      if (fs.isFile(dir + "/" + program)) {
        return dir + "/" + program;
      }
    }
    return "/usr/bin/" + program;
  }

  private static Site site(Located l, String unit) {
    return new Site(l.file(), l.line(), unit);
  }
}
