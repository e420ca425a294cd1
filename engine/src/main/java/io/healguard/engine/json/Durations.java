package io.healguard.engine.json;

import io.healguard.engine.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in tables, scenarios and config: {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 2d}. ISO-8601 ({@code PT5M}) is accepted too.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private Durations() {}

  public static Duration parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw InvalidInputException.field(field, text, "a duration such as 30s, 5m or 1h30m");
    }
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return Duration.parse(t);
      } catch (RuntimeException e) {
        throw InvalidInputException.field(field, text, "a duration such as 30s, 5m or 1h30m");
      }
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        break;
      }
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw InvalidInputException.field(field, text, "a duration such as 30s, 5m or 1h30m");
    }
    return total;
  }

  /** The shortest operator spelling: 90s → 1m30s, 3600s → 1h. */
  public static String format(Duration d) {
    if (d == null) {
      return null;
    }
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long s = d.getSeconds();
    long days = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
    if (days > 0) sb.append(days).append('d');
    if (h > 0) sb.append(h).append('h');
    if (m > 0) sb.append(m).append('m');
    if (sec > 0) sb.append(sec).append('s');
    int ms = d.toMillisPart();
    if (ms > 0) sb.append(ms).append("ms");
    return sb.toString();
  }
}
