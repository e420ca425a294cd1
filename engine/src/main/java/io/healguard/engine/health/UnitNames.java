package io.healguard.engine.health;

import io.healguard.engine.InvalidInputException;
import java.util.Set;

/**
 * systemd unit name rules (systemd.unit(5)): checked at every edge so a bad name never reaches the
 * store. A name is {@code prefix[@instance].suffix}: a non-empty prefix, at most one {@code @}, and
 * with an {@code @} a non-empty instance. A template without an instance ({@code foo@.service}) is
 * a file systemd instantiates, not a unit that runs, so it can be neither reported nor restarted.
 */
public final class UnitNames {
  public static final Set<String> SUFFIXES =
      Set.of(
          "service", "socket", "device", "mount", "automount", "swap", "target", "path", "timer",
          "slice", "scope");

  private UnitNames() {}

  public static String require(String field, String name) {
    if (name == null || name.isEmpty()) {
      throw InvalidInputException.field(field, name, "a systemd unit name such as api.service");
    }
    if (name.length() > 255) {
      throw InvalidInputException.field(
          field, name.substring(0, 40) + "...", "at most 255 characters long (was " + name.length() + ")");
    }
    if (!allowedChars(name)) {
      throw InvalidInputException.field(field, name, "made of A-Z a-z 0-9 : _ . \\ @ - only");
    }
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || !SUFFIXES.contains(name.substring(dot + 1))) {
      throw InvalidInputException.field(field, name, "a unit name ending in a known suffix " + "(.service, .socket, .timer, ...)");
    }
    int at = name.indexOf('@');
    if (at >= 0) {
      if (at == 0 || name.indexOf('@', at + 1) >= 0) {
        throw InvalidInputException.field(field, name, "a unit name with a prefix before its one @ (name@instance.service)");
      }
      if (at + 1 == dot) {
        throw InvalidInputException.field(field, name,
            "a unit that can run: a template needs an instance (" + name.substring(0, dot) + "instance." + name.substring(dot + 1) + ")");
      }
    }
    return name;
  }

  /** {@code [A-Za-z0-9:_.\\@-]+}, without a regex: every report's unit passes here. */
  private static boolean allowedChars(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == ':' || c == '_' || c == '.' || c == '\\' || c == '@' || c == '-';
      if (!ok) return false;
    }
    return true;
  }
}
