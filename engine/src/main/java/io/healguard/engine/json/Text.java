package io.healguard.engine.json;

import io.healguard.engine.InvalidInputException;

/**
 * Free text from outside (a report's detail, an override's reason). JSON can carry a lone UTF-16
 * surrogate ({@code "\ud800"}) that no UTF-8 store can keep: it would be shown as sent and read
 * back as {@code ?} after a restart, so the text stored would differ from the text acknowledged.
 */
public final class Text {
  private Text() {}

  /** {@code s} (null passes) when every char is part of a Unicode scalar value; else a 400 naming the field. */
  public static String requireScalarValues(String field, String s) {
    int bad = firstLoneSurrogate(s);
    if (bad >= 0) {
      throw InvalidInputException.field(field, "<text with a lone surrogate U+" + Integer.toHexString(s.charAt(bad)).toUpperCase()
          + " at index " + bad + ">", "valid Unicode text (no unpaired UTF-16 surrogate)");
    }
    return s;
  }

  /** The index of the first char that is a surrogate without its pair, or -1. */
  static int firstLoneSurrogate(String s) {
    if (s == null) return -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) return i;
    }
    return -1;
  }

  /** At most {@code max} chars, never cutting a surrogate pair in two. */
  public static String truncate(String s, int max) {
    if (s == null || s.length() <= max) return s;
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
