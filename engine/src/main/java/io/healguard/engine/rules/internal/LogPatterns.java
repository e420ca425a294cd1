package io.healguard.engine.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The causes table's log patterns: compiled once, matched line by line against a log tail of at
 * most 8 KiB, and judged by the policy gate before any of them runs on a report.
 *
 * <p>The safety judgement is deterministic, not timed: a pattern is run against a few hostile 8
 * KiB logs through a {@link CharSequence} that counts every character the regex engine reads, and
 * one that reads more than {@link #READ_BUDGET} characters (a backtracking blow-up reads the same
 * characters again and again) is rejected. Nested quantifiers such as {@code (a+)+} are rejected
 * on sight, and so is one whose repeated group recurses past the stack ({@code java.util.regex}
 * recurses once per repetition of a group with alternatives). At decision time the same budget
 * stops a pattern the gate let through.
 */
public final class LogPatterns {
  /** Characters a pattern may read per 8 KiB log: a linear scan reads each a few times. */
  static final long READ_BUDGET = 8L * 1024 * 400;
  private static final int LOG_BYTES = 8 * 1024;
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();
  /** A group that holds a quantifier, quantified itself: {@code (a+)+}, {@code (\w*)*}, {@code (x+){2,}}. */
  private static final Pattern NESTED = Pattern.compile("\\((?:[^()\\\\]|\\\\.)*(?:[*+]|\\{\\d+,\\d*\\})(?:[^()\\\\]|\\\\.)*\\)(?:[*+]|\\{\\d+,\\d*\\})");

  private LogPatterns() {}

  /** The first line of {@code log} in which {@code regex} finds a match, or null. */
  public static String firstMatchingLine(String log, String regex) {
    Pattern p = compiled(regex);
    Budget budget = new Budget(log, READ_BUDGET);
    try {
      Matcher m = p.matcher(budget);
      if (!m.find()) {
        return null;
      }
      int from = m.start() == 0 ? 0 : log.lastIndexOf('\n', m.start() - 1) + 1;
      int end = log.indexOf('\n', m.start());
      return log.substring(from, end < 0 ? log.length() : end).strip();
    } catch (BudgetExceeded | StackOverflowError e) {
      // the gate judged this pattern safe on its hostile logs; this log is worse: no match
      return null;
    }
  }

  private static Pattern compiled(String regex) {
    Pattern p = COMPILED.get(regex);
    if (p == null) {
      p = Pattern.compile(regex, Pattern.MULTILINE);
      if (COMPILED.size() < 1024) COMPILED.put(regex, p);
    }
    return p;
  }

  /** Why {@code regex} may not be a log pattern, or empty when it may. */
  public static Optional<String> problem(String regex) {
    if (regex.isBlank()) {
      return Optional.of("log pattern is empty; leave the cell blank for any log");
    }
    Pattern p;
    try {
      p = Pattern.compile(regex, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      return Optional.of("log pattern '" + regex + "' does not compile as a Java regular expression: "
          + e.getDescription() + " near index " + e.getIndex());
    }
    Matcher nested = NESTED.matcher(regex);
    if (nested.find()) {
      return Optional.of("log pattern '" + regex + "' could match catastrophically slowly on an 8 KiB log: "
          + "the quantified group '" + nested.group() + "' holds a quantifier itself; write it without nesting");
    }
    for (String hostile : hostileLogs(regex)) {
      try {
        p.matcher(new Budget(hostile, READ_BUDGET)).find();
      } catch (BudgetExceeded e) {
        return Optional.of("log pattern '" + regex + "' could match catastrophically slowly on an 8 KiB log: "
            + "it read more than " + READ_BUDGET + " characters of a " + LOG_BYTES + "-character log of '"
            + printable(hostile.substring(0, Math.min(8, hostile.length()))) + "...'; avoid overlapping alternatives"
            + " and quantifiers such as (a|a)* or .*.*x");
      } catch (StackOverflowError e) {
        // java.util.regex recurses once per repetition of a group with alternatives
        return Optional.of("log pattern '" + regex + "' could match catastrophically slowly on an 8 KiB log: "
            + "its repeated group recursed past the thread's stack on a " + LOG_BYTES + "-character log of '"
            + printable(hostile.substring(0, Math.min(8, hostile.length()))) + "...'; repeat a character class"
            + " ([ab]*) rather than a group of alternatives ((a|b)*)");
      }
    }
    return Optional.empty();
  }

  /** Logs that make a backtracking pattern work hardest: its own characters repeated, with no final match. */
  static List<String> hostileLogs(String regex) {
    Set<Character> chars = new LinkedHashSet<>();
    for (char c : regex.toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == ' ' || c == ':' || c == '_') chars.add(c);
    }
    chars.add('a');
    chars.add(' ');
    List<String> out = new ArrayList<>();
    for (char c : chars) {
      out.add(String.valueOf(c).repeat(LOG_BYTES - 1) + "\u0000");
    }
    String literal = regex.replaceAll("[^\\p{L}\\p{N} :_]", "");
    if (!literal.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < LOG_BYTES) sb.append(literal);
      out.add(sb.substring(0, LOG_BYTES - 1) + "\u0000");
    }
    return out;
  }

  private static String printable(String s) {
    return s.replace("\n", "\\n").replace("\u0000", "\\0");
  }

  private static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super(null, null, false, false);
    }
  }

  /** A log that counts what the regex engine reads of it and stops it past a budget. */
  private static final class Budget implements CharSequence {
    private final String text;
    private final int offset;
    private final int length;
    private final long[] reads;
    private final long budget;

    Budget(String text, long budget) {
      this(text, 0, text.length(), new long[1], budget);
    }

    private Budget(String text, int offset, int length, long[] reads, long budget) {
      this.text = text;
      this.offset = offset;
      this.length = length;
      this.reads = reads;
      this.budget = budget;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (++reads[0] > budget) {
        throw new BudgetExceeded();
      }
      return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budget(text, offset + start, end - start, reads, budget);
    }

    @Override
    public String toString() {
      return text.substring(offset, offset + length);
    }
  }
}
