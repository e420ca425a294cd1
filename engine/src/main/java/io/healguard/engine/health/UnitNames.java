package io.healguard.engine.health;

import io.healguard.engine.InvalidInputException;
import java.util.Set;

/** systemd unit name rules (systemd.unit(5)): checked at every edge so a bad name never reaches the store. */
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
