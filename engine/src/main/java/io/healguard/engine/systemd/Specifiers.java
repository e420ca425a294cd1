package io.healguard.engine.systemd;

/**
 * systemd unit specifiers for the system service manager. {@code %h} is the manager's home, so
 * {@code /root}, whatever {@code User=} says; that trap is why this is not "the user's home".
 */
public final class Specifiers {
  private Specifiers() {}

  public static String expand(String s, String unit) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    String instance = UnitName.instanceOf(unit);
    String stem = unit.substring(0, unit.lastIndexOf('.'));
    String prefix = stem.contains("@") ? stem.substring(0, stem.indexOf('@')) : stem;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char k = s.charAt(++i);
      switch (k) {
        case '%' -> out.append('%');
        case 'i' -> out.append(instance);
        case 'I' -> out.append(unescape(instance));
        case 'n' -> out.append(unit);
        case 'N' -> out.append(stem);
        case 'p' -> out.append(prefix);
        case 'P' -> out.append(unescape(prefix));
        case 'j' -> out.append(prefix.contains("-") ? prefix.substring(prefix.lastIndexOf('-') + 1) : prefix);
        case 'h' -> out.append("/root");
        case 'u' -> out.append("root");
        case 'U' -> out.append("0");
        case 'E' -> out.append("/etc");
        case 't' -> out.append("/run");
        case 'S' -> out.append("/var/lib");
        case 'C' -> out.append("/var/cache");
        case 'L' -> out.append("/var/log");
        case 'T' -> out.append("/tmp");
        case 'V' -> out.append("/var/tmp");
        default -> out.append('%').append(k);
      }
    }
    return out.toString();
  }

  /** systemd-escape reversed: {@code -} is {@code /}, {@code \xNN} is that byte. */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '-') {
        out.append('/');
      } else if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
        out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
