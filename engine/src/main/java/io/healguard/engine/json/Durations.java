package io.healguard.engine.json;

import io.healguard.engine.InvalidInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them in tables, scenarios and config: {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 2d}. ISO-8601 ({@code PT5M}) is accepted too. Every duration is between
 * zero and {@link #MAX} (100 years, the longest any key allows): a number that does not fit is the
 * caller's bad input, never an arithmetic overflow further in.
 */
public final class Durations {
  /** The longest duration anything accepts: {@code 36500d}. */
  public static final Duration MAX = Duration.ofDays(36_500);
  // at most 12 digits a part: 36500d in ms is 11 digits; more can only overflow or exceed MAX
  private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|d|h|m|s)");
  private static final String RULE = "a duration such as 30s, 5m or 1h30m";
  private static final String RANGE = "a duration from 0s to at most 36500d";

  private Durations() {}

  public static Duration parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw InvalidInputException.field(field, text, RULE);
    }
    String t = text.trim();
    Duration d = t.startsWith("P") || t.startsWith("p") ? iso(field, text, t) : operator(field, text, t);
    if (d.isNegative() || d.compareTo(MAX) > 0) {
      throw InvalidInputException.field(field, text, RANGE);
    }
    return d;
  }

  /** {@link #parse}, then {@code min <= d <= max}; the message names both bounds. */
  public static Duration parse(String field, String text, Duration min, Duration max) {
    Duration d = parse(field, text);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw InvalidInputException.field(field, text, "a duration between " + format(min) + " and " + format(max));
    }
    return d;
  }

  private static Duration iso(String field, String text, String t) {
    try {
      return Duration.parse(t);
    } catch (RuntimeException e) {
      throw InvalidInputException.field(field, text, RULE);
    }
  }

  private static Duration operator(String field, String text, String t) {
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    try {
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
        if (total.compareTo(MAX) > 0) {
          break; // stays above MAX: the caller's range check names it
        }
        end = m.end();
      }
    } catch (ArithmeticException e) {
      throw InvalidInputException.field(field, text, RANGE);
    }
    if (total.compareTo(MAX) > 0) {
      throw InvalidInputException.field(field, text, RANGE);
    }
    if (end == 0 || end != t.length()) {
      throw InvalidInputException.field(field, text, t.matches("(\\d++(ms|d|h|m|s))+") ? RANGE : RULE);
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
