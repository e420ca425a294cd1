package io.healguard.engine.rules;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.rules.internal.LogPatterns;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fact the causes table classifies: one failure cause as cells can test it. The first
 * matching row records its class here; later matches are ignored, so row order is priority.
 *
 * <p>Adding a condition: add a getter (or a boolean method a cell can call), a column to the
 * table, and the value to {@code CauseSpace} so the policy gate enumerates it.
 */
public final class CauseQuery {
  private final String result;
  private final String exitCode;
  private final Integer exitStatus;
  private final String signal;
  private final String logTail;
  /** For the policy gate: the log patterns taken to match, instead of a real log. */
  private final Set<String> assumedMatching;
  private final Map<String, String> matchedLines = new HashMap<>();

  private String row;
  private String causeClass;
  private String runbook;

  public CauseQuery(FailureCause c) {
    this(c.result(), c.exitCode(), c.statusNumber(), c.effectiveSignal(), c.logTail(), null);
  }

  /** A cause the policy gate asks about, with {@code matching} the log patterns that match its log. */
  public static CauseQuery assuming(String result, String exitCode, Integer exitStatus, String signal, Set<String> matching) {
    return new CauseQuery(result, exitCode, exitStatus, signal, null, Set.copyOf(matching));
  }

  private CauseQuery(String result, String exitCode, Integer exitStatus, String signal, String logTail,
      Set<String> assumedMatching) {
    this.result = result;
    this.exitCode = exitCode;
    this.exitStatus = exitStatus;
    this.signal = signal;
    this.logTail = logTail;
    this.assumedMatching = assumedMatching;
  }

  /** True when the exit status is a number in {@code spec}: numbers and inclusive ranges, comma separated ("200-203, 205-245"). */
  public boolean statusIn(String spec) {
    return exitStatus != null && StatusRanges.contains(spec, exitStatus);
  }

  /** True when a line of the log matches {@code regex} (a find, not a whole-line match). */
  public boolean logMatches(String regex) {
    if (assumedMatching != null) {
      return assumedMatching.contains(regex);
    }
    if (logTail == null) {
      return false;
    }
    String line = LogPatterns.firstMatchingLine(logTail, regex);
    if (line != null) {
      matchedLines.put(regex, line);
    }
    return line != null;
  }

  /** Called by the class column of the first matching row. */
  public void classify(String cls, String rowName) {
    if (row != null) {
      return;
    }
    row = rowName;
    causeClass = cls == null ? "" : cls.trim();
  }

  public void runbook(String link) {
    if (runbook == null) runbook = link.trim();
  }

  /** The row that matched first, or null. */
  public String decidedRow() {
    return row;
  }

  /** The class cell of the winning row as typed: the gate checks it names a {@link CauseClass}. */
  public String decidedClass() {
    return causeClass;
  }

  /**
   * The answer: {@code logPattern} is the winning row's log pattern (null if it has none), whose
   * first matching line the answer carries. UNKNOWN when no row matched or its class is not one.
   */
  public Classification classification(String logPattern) {
    CauseClass c = CauseClass.byName(causeClass);
    if (row == null || c == null) {
      return new Classification(CauseClass.UNKNOWN, row, null, runbook);
    }
    String line = logPattern == null ? null : matchedLines.get(logPattern);
    return new Classification(c, row, line, runbook);
  }

  // Bean accessors: Drools reads facts through getters.
  public String getResult() { return result; }
  public String getExitCode() { return exitCode; }
  public Integer getExitStatus() { return exitStatus; }
  public String getSignal() { return signal; }
  public String getLogTail() { return logTail; }

  @Override
  public String toString() {
    return "{result=" + result + ", exitCode=" + exitCode + ", exitStatus=" + exitStatus + ", signal=" + signal
        + (assumedMatching == null ? "" : ", log matching " + assumedMatching) + "}";
  }

  /** Exit status cells: "78", "200-245", "200-203, 205-245". */
  static final class StatusRanges {
    private static final Map<String, int[][]> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private StatusRanges() {}

    static boolean contains(String spec, int status) {
      for (int[] r : parse(spec)) {
        if (status >= r[0] && status <= r[1]) return true;
      }
      return false;
    }

    /** @throws IllegalArgumentException naming the part that is no number or range of 0-255 */
    static int[][] parse(String spec) {
      int[][] known = PARSED.get(spec);
      if (known != null) {
        return known;
      }
      String[] parts = spec.split(",");
      int[][] out = new int[parts.length][];
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i].trim();
        String[] ends = p.split("-", -1);
        try {
          int lo = Integer.parseInt(ends[0].trim());
          int hi = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : lo;
          if (ends.length > 2 || lo < 0 || hi > 255 || lo > hi) throw new NumberFormatException();
          out[i] = new int[] {lo, hi};
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("exit status '" + p + "' must be a number 0-255 or a range such as 200-245");
        }
      }
      if (PARSED.size() < 1024) PARSED.put(spec, out);
      return out;
    }
  }
}
