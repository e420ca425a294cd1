package io.healguard.engine.systemd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a service's processes get, built as systemd 252 builds it: the manager's
 * {@code PATH}, then {@code HOME}/{@code USER}/{@code LOGNAME} when {@code User=} is set, then
 * {@code Environment=} in order, then each {@code EnvironmentFile=} in order, a later value
 * replacing an earlier one. Each value keeps where it was set, and each env file the unit names is
 * kept with what became of it: loaded, missing (fatal unless {@code -}), or relative (ignored).
 */
public final class UnitEnvironment {
  /** A variable's value and where it was set; {@code origin} is null for systemd's own defaults. */
  public record Variable(String name, String value, Located origin) {}

  public enum LoadStatus { LOADED, MISSING, RELATIVE }

  /** One {@code EnvironmentFile=} line: the path after specifiers, its {@code -}, and its fate. */
  public record Load(Located line, String path, boolean optional, LoadStatus status) {}

  private final Map<String, Variable> variables;
  private final List<Load> loads;

  private UnitEnvironment(Map<String, Variable> variables, List<Load> loads) {
    this.variables = Collections.unmodifiableMap(variables);
    this.loads = List.copyOf(loads);
  }

  /** {@code home} is {@code User=}'s home, or null when the unit sets no User= or it is unknown. */
  public static UnitEnvironment of(HostFs fs, EffectiveUnit u, String user, String home) {
    Map<String, Variable> vars = new LinkedHashMap<>();
    vars.put("PATH", new Variable("PATH", ExecSearch.DEFAULT_PATH, null));
    if (user != null) {
      put(vars, "USER", user, null);
      put(vars, "LOGNAME", user, null);
      if (home != null) {
        put(vars, "HOME", home, null);
      }
    }
    for (Located l : u.environment()) {
      for (String a : ExecLine.assignments(Specifiers.expand(l.value(), u.name()))) {
        int eq = a.indexOf('=');
        put(vars, a.substring(0, eq), a.substring(eq + 1), l);
      }
    }
    List<Load> loads = new ArrayList<>();
    for (Located l : u.environmentFiles()) {
      String v = Specifiers.expand(l.value(), u.name());
      boolean optional = v.startsWith("-");
      String path = optional ? v.substring(1) : v;
      if (!path.startsWith("/")) {
        loads.add(new Load(l, path, optional, LoadStatus.RELATIVE));
        continue;
      }
      Optional<List<String>> lines = fs.readLines(path);
      loads.add(new Load(l, path, optional, lines.isPresent() ? LoadStatus.LOADED : LoadStatus.MISSING));
      for (EnvFile.Entry e : EnvFile.parse(lines.orElse(List.of()))) {
        put(vars, e.key(), e.value(), new Located(e.value(), path, e.line()));
      }
    }
    return new UnitEnvironment(vars, loads);
  }

  private static void put(Map<String, Variable> vars, String name, String value, Located origin) {
    vars.remove(name); // keep insertion order = order of the surviving assignment
    vars.put(name, new Variable(name, value, origin));
  }

  public Map<String, Variable> variables() {
    return variables;
  }

  public Optional<Variable> get(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  public List<Load> loads() {
    return loads;
  }

  /** Name to value, as a process sees it. */
  public Map<String, String> values() {
    Map<String, String> m = new LinkedHashMap<>();
    variables.forEach((k, v) -> m.put(k, v.value()));
    return m;
  }
}
