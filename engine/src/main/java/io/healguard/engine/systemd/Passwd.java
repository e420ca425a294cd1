package io.healguard.engine.systemd;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Home directories from {@code <root>/etc/passwd}, by user name and by numeric uid. */
public final class Passwd {
  private final Map<String, String> homes = new HashMap<>();

  public Passwd(HostFs fs) {
    for (String line : fs.readLines("/etc/passwd").orElse(List.of())) {
      String[] f = line.split(":", -1);
      if (f.length >= 6 && !line.startsWith("#")) {
        homes.putIfAbsent(f[0], f[5]);
        homes.putIfAbsent(f[2], f[5]);
      }
    }
  }

  public Optional<String> home(String userOrUid) {
    if (userOrUid == null) {
      return Optional.empty();
    }
    if (userOrUid.equals("root") || userOrUid.equals("0")) {
      return Optional.of(homes.getOrDefault("root", "/root"));
    }
    return Optional.ofNullable(homes.get(userOrUid));
  }
}
