package io.healguard.engine.systemd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit's merged {@code [Service]} settings that decide which program runs where and with which
 * environment, with systemd 252's rules: an empty assignment resets a list; a relative
 * {@code WorkingDirectory=} or exec program is ignored in a drop-in or with a {@code -} prefix,
 * but in the unit file itself it is a fatal error and systemd refuses the whole unit
 * ({@link #skipped()}, {@link #refused()}); a relative {@code EnvironmentFile=} is always ignored
 * (the environment reader reports it). Values stay raw (specifiers unexpanded) with the file and line they came from.
 */
public final class EffectiveUnit {
  /** A line systemd did not apply; {@code fatal}: it refuses to load the whole unit because of it. */
  public record Skipped(String key, Located line, boolean fatal) {}

  /** Exec keys in the order systemd runs them, which is also the order findings are reported. */
  public static final List<String> EXEC_KEYS =
      List.of("ExecCondition", "ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost");

  private final String name;
  private final UnitSource source;
  private final Map<String, List<Located>> exec = new LinkedHashMap<>();
  private final List<Located> environment = new ArrayList<>();
  private final List<Located> environmentFiles = new ArrayList<>();
  private final List<Skipped> skipped = new ArrayList<>();
  private Located workingDirectory;
  private Located user;
  private Located execSearchPath;

  private EffectiveUnit(String name, UnitSource source) {
    this.name = name;
    this.source = source;
    for (String k : EXEC_KEYS) {
      exec.put(k, new ArrayList<>());
    }
  }

  /** Reads the fragment, then each drop-in in order, keeping only the {@code [Service]} section. */
  public static EffectiveUnit load(HostFs fs, UnitSource source) {
    EffectiveUnit u = new EffectiveUnit(source.name(), source);
    List<String> files = new ArrayList<>();
    files.add(source.fragment());
    files.addAll(source.dropIns());
    for (String f : files) {
      boolean fragment = f.equals(source.fragment());
      for (UnitFileParser.Directive d : UnitFileParser.parse(f, fs.readLines(f).orElse(List.of()))) {
        if (d.section().equals("Service")) {
          u.apply(d, fragment);
        }
      }
    }
    return u;
  }

  private void apply(UnitFileParser.Directive d, boolean inFragment) {
    Located v = new Located(d.value(), d.file(), d.line());
    List<Located> list = exec.get(d.key());
    if (list != null) {
      ExecLine.Split s = ExecLine.split(d.value());
      String program = Specifiers.expand(ExecLine.unquote(s.rawProgram()), name);
      if (!d.value().isEmpty() && !program.startsWith("/") && program.contains("/")) {
        // "Neither a valid executable name nor an absolute path"
        skipped.add(new Skipped(d.key(), v, inFragment && !s.prefixes().contains("-")));
        return;
      }
      resetOrAdd(list, v);
      return;
    }
    switch (d.key()) {
      case "Environment" -> resetOrAdd(environment, v);
      case "EnvironmentFile" -> resetOrAdd(environmentFiles, v);
      case "WorkingDirectory" -> workingDirectory(v, inFragment);
      case "User" -> user = d.value().isEmpty() ? null : v;
      case "ExecSearchPath" -> execSearchPath = d.value().isEmpty() ? null : v;
      default -> { }
    }
  }

  private void workingDirectory(Located v, boolean inFragment) {
    if (v.value().isEmpty()) {
      workingDirectory = null;
      return;
    }
    boolean missingOk = v.value().startsWith("-");
    String path = Specifiers.expand(missingOk ? v.value().substring(1) : v.value(), name);
    if (path.equals("~") || path.startsWith("/")) {
      workingDirectory = v;
    } else {
      skipped.add(new Skipped("WorkingDirectory", v, inFragment && !missingOk));
    }
  }

  private static void resetOrAdd(List<Located> list, Located v) {
    if (v.value().isEmpty()) {
      list.clear();
    } else {
      list.add(v);
    }
  }

  public String name() {
    return name;
  }

  public UnitSource source() {
    return source;
  }

  public String fragment() {
    return source.fragment();
  }

  /** The surviving lines per exec key, in {@link #EXEC_KEYS} order; keys without lines map to an empty list. */
  public Map<String, List<Located>> exec() {
    return Collections.unmodifiableMap(exec);
  }

  public List<Located> environment() {
    return List.copyOf(environment);
  }

  public List<Located> environmentFiles() {
    return List.copyOf(environmentFiles);
  }

  /** The last valid {@code WorkingDirectory=} (raw, {@code -} and {@code ~} included), or empty: the service runs in {@code /}. */
  public Optional<Located> workingDirectory() {
    return Optional.ofNullable(workingDirectory);
  }

  /** Relative {@code WorkingDirectory=} and exec program lines systemd did not apply, in file order. */
  public List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  /** Whether systemd refuses to load the unit at all ("bad-setting"): some skipped line is fatal. */
  public boolean refused() {
    return skipped.stream().anyMatch(Skipped::fatal);
  }

  public Optional<Located> user() {
    return Optional.ofNullable(user);
  }

  public Optional<Located> execSearchPath() {
    return Optional.ofNullable(execSearchPath);
  }
}
