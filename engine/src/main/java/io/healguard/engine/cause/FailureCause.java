package io.healguard.engine.cause;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.json.Text;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Why a unit failed, in systemd's words as an {@code OnFailure=} unit receives them
 * ({@code $MONITOR_SERVICE_RESULT}, {@code $MONITOR_EXIT_CODE}, {@code $MONITOR_EXIT_STATUS}), with
 * the tail of the failed invocation's log. Every field is optional. Validated here, so nothing
 * deeper sees a result systemd does not have; the log tail is cut from the front to {@link
 * #MAX_LOG_BYTES} (its last lines are the ones that say why) rather than rejected.
 *
 * <p>Never used for time: a cause says why, the engine's clock says when.
 *
 * @param exitStatus a number 0-255 (kept as its decimal text) or a signal name without {@code SIG}
 * @param signal a signal name without {@code SIG}
 */
public record FailureCause(String result, String exitCode, String exitStatus, String signal, String logTail) {
  public static final int MAX_LOG_BYTES = 8 * 1024;

  /** systemd's service results ({@code Result=} of a service unit). */
  public static final List<String> RESULTS = List.of("success", "exit-code", "signal", "core-dump", "oom-kill",
      "timeout", "watchdog", "start-limit-hit", "resources", "protocol");

  public static final List<String> EXIT_CODES = List.of("exited", "killed", "dumped");

  /** Linux signal names as systemd prints them (without {@code SIG}). */
  public static final List<String> SIGNALS = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "IOT", "BUS",
      "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
      "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "POLL", "PWR", "SYS");

  public FailureCause {
    String[] n = check("cause", result, exitCode, exitStatus, signal);
    result = n[0];
    exitCode = n[1];
    exitStatus = n[2];
    signal = n[3];
    // the stored tail must equal the acknowledged one, as for a report's detail
    logTail = tail(Text.requireScalarValues("cause.logTail", logTail));
  }

  /**
   * Validates with field names under {@code field} ({@code cause} or {@code [3].cause}), so an
   * error names the field as the caller sent it.
   */
  public static FailureCause of(
      String field, String result, String exitCode, String exitStatus, String signal, String logTail) {
    check(field, result, exitCode, exitStatus, signal);
    Text.requireScalarValues(field + ".logTail", logTail);
    return new FailureCause(result, exitCode, exitStatus, signal, logTail);
  }

  /** The exit status as a number, or null when it is a signal name or absent. */
  public Integer statusNumber() {
    return exitStatus != null && Character.isDigit(exitStatus.charAt(0)) ? Integer.valueOf(exitStatus) : null;
  }

  /** The signal that ended the process: {@code signal}, else an exit status that names one. */
  public String effectiveSignal() {
    if (signal != null) {
      return signal;
    }
    return exitStatus != null && statusNumber() == null ? exitStatus : null;
  }

  /** result, exitCode, exitStatus, signal: trimmed, normalized, or the first that is wrong thrown. */
  private static String[] check(String field, String result, String exitCode, String exitStatus, String signal) {
    String r = blankToNull(result);
    if (r != null && !RESULTS.contains(r)) {
      throw InvalidInputException.field(field + ".result", result, "one of " + String.join(", ", RESULTS));
    }
    String c = blankToNull(exitCode);
    if (c != null && !EXIT_CODES.contains(c)) {
      throw InvalidInputException.field(field + ".exitCode", exitCode, "one of " + String.join(", ", EXIT_CODES));
    }
    String st = blankToNull(exitStatus);
    if (st != null) {
      st = status(st);
      if (st == null) {
        throw InvalidInputException.field(field + ".exitStatus", exitStatus,
            "a number 0-255 or a signal name (SEGV, KILL, ...: " + String.join(", ", SIGNALS) + ")");
      }
    }
    String sg = blankToNull(signal);
    if (sg != null) {
      sg = signalName(sg);
      if (sg == null) {
        throw InvalidInputException.field(field + ".signal", signal, "a signal name (" + String.join(", ", SIGNALS) + ")");
      }
    }
    return new String[] {r, c, st, sg};
  }

  private static String status(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      if (s.length() > 3) {
        return null;
      }
      int n = Integer.parseInt(s);
      return n <= 255 ? Integer.toString(n) : null;
    }
    return signalName(s);
  }

  private static String signalName(String s) {
    String u = s.toUpperCase(Locale.ROOT);
    String name = u.startsWith("SIG") ? u.substring(3) : u;
    return SIGNALS.contains(name) ? name : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** The last {@link #MAX_LOG_BYTES} bytes of UTF-8, never splitting a character. */
  static String tail(String log) {
    if (log == null || log.length() * 3L <= MAX_LOG_BYTES) {
      return log;
    }
    byte[] b = log.getBytes(StandardCharsets.UTF_8);
    if (b.length <= MAX_LOG_BYTES) {
      return log;
    }
    int from = b.length - MAX_LOG_BYTES;
    // a continuation byte (10xxxxxx) is the middle of a character: start at the next one
    while (from < b.length && (b[from] & 0xC0) == 0x80) {
      from++;
    }
    return new String(b, from, b.length - from, StandardCharsets.UTF_8);
  }
}
