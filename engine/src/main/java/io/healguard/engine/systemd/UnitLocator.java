package io.healguard.engine.systemd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds a system unit and its drop-ins the way systemd does. The first search directory holding
 * the unit file wins and shadows the rest; an instance without its own file falls back to its
 * template. Drop-ins are collected from {@code <name>.d/}, the template's, the dash-prefix ones
 * and {@code service.d/} in every search directory; a drop-in name seen in a higher directory
 * shadows the same name lower down, and the survivors apply in file-name order. Each search
 * directory is listed once per locator, which is what keeps a 200-unit check fast.
 */
public final class UnitLocator {
  /**
   * systemd's system search path, highest priority first (systemd.unit(5), "Unit File Load
   * Path"). {@code /lib/systemd/system} comes after {@code /usr/lib/systemd/system} as upstream
   * builds it; on a merged-/usr host (every current distribution) they are one directory.
   */
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
          "/lib/systemd/system",
          "/run/systemd/generator.late");

  private final HostFs fs;
  private final List<String> searchPath;

  public UnitLocator(HostFs fs) {
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

  public HostFs fs() {
    return fs;
  }

  public List<String> searchPath() {
    return searchPath;
  }

  public Optional<UnitSource> find(String unit) {
    String fragment = fragment(unit);
    if (fragment == null && UnitName.isInstance(unit)) {
      fragment = fragment(UnitName.templateOf(unit));
    }
    if (fragment == null) {
      return Optional.empty();
    }
    // systemd masks a unit linked to /dev/null or of size 0; a file holding only "\n" is not masked
    boolean masked = fs.canonical(fragment).equals("/dev/null")
        || fs.readLines(fragment).map(l -> l.size() == 1 && l.get(0).isEmpty()).orElse(true);
    return Optional.of(new UnitSource(unit, fragment, masked ? List.of() : dropIns(unit), masked));
  }

  /** Finds and loads a unit; empty when it is absent or masked. */
  public Optional<EffectiveUnit> load(String unit) {
    return find(unit).filter(s -> !s.masked()).map(s -> EffectiveUnit.load(fs, s));
  }

  private String fragment(String name) {
    for (String dir : searchPath) {
      if (Collections.binarySearch(fs.list(dir), name) >= 0) {
        return dir + "/" + name;
      }
    }
    return null;
  }

  private List<String> dropIns(String unit) {
    List<String> dirNames = dropInDirNames(unit);
    Map<String, String> byName = new TreeMap<>();
    for (String dir : searchPath) {
      List<String> entries = fs.list(dir);
      for (String d : dirNames) {
        if (Collections.binarySearch(entries, d) < 0) {
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
    return List.copyOf(byName.values());
  }

  /** {@code a-b@i.service} → a-b@i.service.d, a-b@.service.d, a-.service.d, service.d. */
  static List<String> dropInDirNames(String unit) {
    List<String> names = new ArrayList<>();
    names.add(unit + ".d");
    if (UnitName.isInstance(unit)) {
      names.add(UnitName.templateOf(unit) + ".d");
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
    Set<String> found = new TreeSet<>();
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
}
