package io.healguard.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString} does (ISO-8601, UTC, fraction in
 * groups of three digits as needed), without {@code DateTimeFormatter}: every answer to a report
 * carries two or three instants, and the formatter was a visible share of the report endpoint's
 * CPU. Years outside 1970-9999 take the JDK's way.
 */
public final class InstantFormat extends StdSerializer<Instant> {
  private static final long YEAR_10000 = 253_402_300_800L;

  public InstantFormat() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    write(value, gen);
  }

  /** For hand-written serializers: the same text as {@link #serialize}. */
  public static void write(Instant value, JsonGenerator gen) throws IOException {
    char[] buf = new char[30];
    int n = format(value, buf);
    if (n < 0) {
      gen.writeString(value.toString());
    } else {
      gen.writeString(buf, 0, n);
    }
  }

  /** Same text as {@code value.toString()}. */
  public static String toString(Instant value) {
    char[] buf = new char[30];
    int n = format(value, buf);
    return n < 0 ? value.toString() : new String(buf, 0, n);
  }

  /** Writes into {@code buf} (30 chars) and returns the length, or -1 outside 1970-9999. */
  private static int format(Instant value, char[] buf) {
    long sec = value.getEpochSecond();
    if (sec < 0 || sec >= YEAR_10000) {
      return -1;
    }
    LocalDate date = LocalDate.ofEpochDay(sec / 86_400);
    int secOfDay = (int) (sec % 86_400);
    int i = 0;
    i = digits(buf, i, date.getYear(), 4);
    buf[i++] = '-';
    i = digits(buf, i, date.getMonthValue(), 2);
    buf[i++] = '-';
    i = digits(buf, i, date.getDayOfMonth(), 2);
    buf[i++] = 'T';
    i = digits(buf, i, secOfDay / 3600, 2);
    buf[i++] = ':';
    i = digits(buf, i, secOfDay / 60 % 60, 2);
    buf[i++] = ':';
    i = digits(buf, i, secOfDay % 60, 2);
    int nano = value.getNano();
    if (nano != 0) {
      buf[i++] = '.';
      if (nano % 1_000_000 == 0) {
        i = digits(buf, i, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        i = digits(buf, i, nano / 1_000, 6);
      } else {
        i = digits(buf, i, nano, 9);
      }
    }
    buf[i++] = 'Z';
    return i;
  }

  private static int digits(char[] buf, int at, int value, int width) {
    for (int p = at + width - 1; p >= at; p--) {
      buf[p] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
