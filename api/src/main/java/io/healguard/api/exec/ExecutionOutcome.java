package io.healguard.api.exec;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one restart run did: the argv, exit code (null when it never ran or was killed on
 * timeout), duration and the last bytes of stderr. {@code error} says why it did not start.
 */
public record ExecutionOutcome(
    String unit, String mode, List<String> argv, Instant startedAt, long durationMs, Integer exitCode,
    boolean timedOut, String stderrTail, String error) {

  public boolean succeeded() {
    return exitCode != null && exitCode == 0 && !timedOut && error == null;
  }

  /** The reason code the audit keeps: EXITED_0, EXITED_1, TIMED_OUT, NOT_STARTED. */
  public String result() {
    if (error != null) return "NOT_STARTED";
    if (timedOut) return "TIMED_OUT";
    return "EXITED_" + exitCode;
  }

  public Map<String, Object> toDetail() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode);
    m.put("argv", argv);
    m.put("result", result());
    m.put("startedAt", startedAt.toString());
    m.put("durationMs", durationMs);
    if (exitCode != null) m.put("exitCode", exitCode);
    m.put("timedOut", timedOut);
    if (stderrTail != null && !stderrTail.isEmpty()) m.put("stderrTail", stderrTail);
    if (error != null) m.put("error", error);
    return m;
  }
}
