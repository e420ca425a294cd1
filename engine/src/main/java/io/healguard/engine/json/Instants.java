package io.healguard.engine.json;

import io.healguard.engine.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Instants from outside as RFC 3339 defines them: a four-digit year (0000-9999), seconds, an
 * optional fraction and {@code Z} or an offset. {@link Instant#parse} also takes {@code +10000-...}
 * and years up to a billion, which then overflow the store's milliseconds or are echoed back as
 * text no RFC 3339 reader accepts.
 */
public final class Instants {
  private static final Pattern RFC3339 = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
  public static final String RULE = "an RFC 3339 instant with a year 0000-9999, such as 2025-01-31T12:00:00Z";

  private Instants() {}

  /** True when {@code text} has the RFC 3339 shape, so a caller can try another reading otherwise. */
  public static boolean looksLikeOne(String text) {
    return text != null && RFC3339.matcher(text.trim()).matches();
  }

  public static Instant parse(String field, String text) {
    if (!looksLikeOne(text)) {
      throw InvalidInputException.field(field, text, RULE);
    }
    try {
      return OffsetDateTime.parse(text.trim().toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeParseException e) {
      // the shape is right but the date is not (month 13, February 30, hour 24)
      throw InvalidInputException.field(field, text, RULE);
    }
  }
}
