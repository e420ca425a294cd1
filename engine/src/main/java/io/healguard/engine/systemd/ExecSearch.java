package io.healguard.engine.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a program given by plain name is found. systemd 252 looks an {@code Exec*=} program up
 * in {@code ExecSearchPath=} or else its own fixed {@link #DEFAULT_PATH}, never in the unit's
 * {@code PATH=}; that same fixed value is the {@code PATH} a service gets when it sets none.
 */
public final class ExecSearch {
  /** systemd's default PATH for system services on a split-/usr build such as Debian's 252. */
  public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ExecSearch() {}

  /** The directories of a colon-separated PATH value, empty entries dropped. */
  public static List<String> dirs(String path) {
    List<String> out = new ArrayList<>();
    for (String d : path.split(":")) {
      if (!d.isEmpty()) {
        out.add(d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d);
      }
    }
    return out;
  }

  /** The first {@code dir/name} that is a file under the root, in order. */
  public static Optional<String> find(HostFs fs, String name, List<String> dirs) {
    for (String dir : dirs) {
      String p = dir + "/" + name;
      if (fs.isFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The search path for a unit's exec programs: {@code ExecSearchPath=} when set, else {@link #DEFAULT_PATH}. */
  public static List<String> forUnit(EffectiveUnit u) {
    return dirs(u.execSearchPath().map(Located::value).filter(v -> !v.isBlank()).orElse(DEFAULT_PATH));
  }
}
