package io.healguard.engine.drift.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds a system unit and its drop-ins the way systemd does. The first search directory holding
 * the unit file wins and shadows the rest; an instance without its own file falls back to its
 * template. Drop-ins are collected from {@code <name>.d/}, the template's, the dash-prefix ones
 * and {@code service.d/} in every search directory; a drop-in name seen in a higher directory
 * shadows the same name lower down, and the survivors apply in file-name order.
 */
public final class SystemdUnits {
  /** systemd's system search path, highest priority first (systemd.unit(5), "Unit File Load Path"). */
  public static final List<String> SEARCH_PATH =
      List.of(
          "/etc/systemd/system.control",
          "/run/systemd/system.control",
          "/run/systemd/transient",
          "/run/systemd/generator.early",
          "/etc/systemd/system",
          "/etc/systemd/system.attached",
          "/run/systemd/system",
          "/run/systemd/system.attached",
          "/run/systemd/generator",
          "/usr/local/lib/systemd/system",
          "/usr/lib/systemd/system",
          "/run/systemd/generator.late",
          "/lib/systemd/system");

  /** Where a unit's configuration comes from; when masked, {@code fragment} is the masking entry. */
  public record UnitSource(String name, String fragment, List<String> dropIns, boolean masked) {}

  private final HostFs fs;
  private final List<String> searchPath;

  public SystemdUnits(HostFs fs) {
    this.fs = fs;
    // on merged-/usr hosts /lib is /usr/lib; visiting it twice would double every drop-in
    Set<String> seen = new LinkedHashSet<>();
    List<String> dirs = new ArrayList<>();
    for (String d : SEARCH_PATH) {
      if (seen.add(fs.canonical(d))) {
        dirs.add(d);
      }
    }
    this.searchPath = List.copyOf(dirs);
  }

  public List<String> searchPath() {
    return searchPath;
  }

  public Optional<UnitSource> find(String unit) {
    String fragment = fragment(unit);
    if (fragment == null && isInstance(unit)) {
      fragment = fragment(templateOf(unit));
    }
    if (fragment == null) {
      return Optional.empty();
    }
    boolean masked = fs.canonical(fragment).equals("/dev/null") || fs.readLines(fragment).map(l -> l.stream().allMatch(String::isBlank)).orElse(true);
    return Optional.of(new UnitSource(unit, fragment, masked ? List.of() : dropIns(unit), masked));
  }

  private String fragment(String name) {
    for (String dir : searchPath) {
      String p = dir + "/" + name;
      if (java.util.Collections.binarySearch(fs.list(dir), name) >= 0) {
        return p;
      }
    }
    return null;
  }

  private List<String> dropIns(String unit) {
    List<String> dirNames = dropInDirNames(unit);
    Map<String, String> byName = new TreeMap<>();
    for (String dir : searchPath) {
      List<String> entries = fs.list(dir); // one cached listing per search dir instead of a probe per name
      for (String d : dirNames) {
        if (java.util.Collections.binarySearch(entries, d) < 0) {
          continue;
        }
        String path = dir + "/" + d;
        for (String f : fs.list(path)) {
          if (f.endsWith(".conf")) {
            byName.putIfAbsent(f, path + "/" + f);
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String p : byName.values()) {
      if (!fs.canonical(p).equals("/dev/null")) { // a drop-in linked to /dev/null masks lower ones
        out.add(p);
      }
    }
    return out;
  }

  /** {@code a-b@i.service} → a-b@i.service.d, a-b@.service.d, a-.service.d, service.d. */
  static List<String> dropInDirNames(String unit) {
    List<String> names = new ArrayList<>();
    names.add(unit + ".d");
    if (isInstance(unit)) {
      names.add(templateOf(unit) + ".d");
    }
    int dot = unit.lastIndexOf('.');
    String stem = unit.substring(0, dot);
    String type = unit.substring(dot + 1);
    int at = stem.indexOf('@');
    String prefix = at >= 0 ? stem.substring(0, at) : stem;
    for (int i = prefix.lastIndexOf('-'); i > 0; i = prefix.lastIndexOf('-', i - 1)) {
      names.add(prefix.substring(0, i + 1) + "." + type + ".d");
    }
    names.add(type + ".d");
    return names;
  }

  /** Instances of a template that this host configures: instance drop-in dirs and enablement links. */
  public List<String> instancesOf(String template) {
    String head = template.substring(0, template.indexOf('@') + 1);
    String tail = template.substring(template.indexOf('@') + 1);
    Set<String> found = new java.util.TreeSet<>();
    for (String dir : searchPath) {
      for (String e : fs.list(dir)) {
        if (e.startsWith(head) && e.endsWith(tail + ".d") && e.length() > (head + tail + ".d").length()) {
          found.add(e.substring(0, e.length() - 2));
        }
        if (e.endsWith(".wants") || e.endsWith(".requires")) {
          for (String w : fs.list(dir + "/" + e)) {
            if (w.startsWith(head) && w.endsWith(tail) && w.length() > (head + tail).length()) {
              found.add(w);
            }
          }
        }
      }
    }
    return List.copyOf(found);
  }

  public static boolean isTemplate(String unit) {
    return unit.contains("@.");
  }

  public static boolean isInstance(String unit) {
    int at = unit.indexOf('@');
    return at >= 0 && !isTemplate(unit);
  }

  public static String templateOf(String instance) {
    int at = instance.indexOf('@');
    return instance.substring(0, at + 1) + instance.substring(instance.lastIndexOf('.'));
  }

  public static String instanceOf(String unit) {
    int at = unit.indexOf('@');
    return at < 0 ? "" : unit.substring(at + 1, unit.lastIndexOf('.'));
  }

  /** The merged [Service] configuration of a found unit, applying systemd's list-reset rules. */
  public EffectiveUnit load(UnitSource source) {
    EffectiveUnit u = new EffectiveUnit(source.name(), source.fragment());
    List<String> files = new ArrayList<>();
    files.add(source.fragment());
    files.addAll(source.dropIns());
    for (String f : files) {
      for (UnitFileParser.Directive d : UnitFileParser.parse(f, fs.readLines(f).orElse(List.of()))) {
        if (d.section().equals("Service")) {
          u.apply(d);
        }
      }
    }
    return u;
  }

  /** Exec keys in the order systemd runs them, which is also the order findings are reported. */
  public static final List<String> EXEC_KEYS =
      List.of("ExecCondition", "ExecStartPre", "ExecStart", "ExecStartPost", "ExecReload", "ExecStop", "ExecStopPost");

  /** A unit's effective [Service] settings that matter to the runtime contract. */
  public static final class EffectiveUnit {
    private final String name;
    private final String fragment;
    private final Map<String, List<Located>> exec = new LinkedHashMap<>();
    private final List<Located> environment = new ArrayList<>();
    private final List<Located> environmentFiles = new ArrayList<>();
    private Located workingDirectory;
    private Located user;

    EffectiveUnit(String name, String fragment) {
      this.name = name;
      this.fragment = fragment;
      for (String k : EXEC_KEYS) {
        exec.put(k, new ArrayList<>());
      }
    }

    void apply(UnitFileParser.Directive d) {
      Located v = new Located(d.value(), d.file(), d.line());
      List<Located> list = exec.get(d.key());
      if (list != null) {
        resetOrAdd(list, v);
        return;
      }
      switch (d.key()) {
        case "Environment" -> resetOrAdd(environment, v);
        case "EnvironmentFile" -> resetOrAdd(environmentFiles, v);
        case "WorkingDirectory" -> workingDirectory = d.value().isEmpty() ? null : v;
        case "User" -> user = d.value().isEmpty() ? null : v;
        default -> { }
      }
    }

    // an empty assignment resets the list: this is how a drop-in replaces ExecStart
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

    public String fragment() {
      return fragment;
    }

    public Map<String, List<Located>> exec() {
      return exec;
    }

    public List<Located> environment() {
      return environment;
    }

    public List<Located> environmentFiles() {
      return environmentFiles;
    }

    public Optional<Located> workingDirectory() {
      return Optional.ofNullable(workingDirectory);
    }

    public Optional<Located> user() {
      return Optional.ofNullable(user);
    }
  }
}
