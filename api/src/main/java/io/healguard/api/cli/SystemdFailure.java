package io.healguard.api.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Why a unit failed, as systemd (251 and later) tells an {@code OnFailure=} handler that only one
 * unit triggered: {@code $MONITOR_SERVICE_RESULT}, {@code $MONITOR_EXIT_CODE},
 * {@code $MONITOR_EXIT_STATUS}, {@code $MONITOR_INVOCATION_ID}, {@code $MONITOR_UNIT}. A value
 * that is absent or malformed is left out with a warning: the unit failed either way, and the
 * report must still go out.
 *
 * @param result systemd's service result, e.g. {@code exit-code}, {@code oom-kill}; null if unset
 * @param exitCode {@code exited}, {@code killed} or {@code dumped}; null if unset
 * @param exitStatus the exit status (a number) or, when killed or dumped, the signal name
 * @param invocationId the failed invocation, 32 hex digits; null if unset
 * @param unit the failed unit; null if unset
 * @param warnings what was missing or malformed, one line each
 */
record SystemdFailure(String result, String exitCode, String exitStatus, String invocationId, String unit,
    List<String> warnings) {
  private static final Pattern RESULT = Pattern.compile("[a-z][a-z-]{0,39}");
  private static final Pattern SIGNAL = Pattern.compile("[A-Z][A-Z0-9+-]{0,15}");
  private static final Pattern INVOCATION = Pattern.compile("[0-9a-f]{32}");

  SystemdFailure {
    warnings = List.copyOf(warnings);
  }

  static SystemdFailure from(Map<String, String> env) {
    List<String> warnings = new ArrayList<>();
    String result = value(env, "MONITOR_SERVICE_RESULT");
    String code = value(env, "MONITOR_EXIT_CODE");
    String status = value(env, "MONITOR_EXIT_STATUS");
    String invocation = value(env, "MONITOR_INVOCATION_ID");
    String unit = value(env, "MONITOR_UNIT");
    if (result == null && code == null && status == null && invocation == null && unit == null) {
      warnings.add("no MONITOR_* variables (systemd before 251, or a handler shared by several units: "
          + "use healguard-report@%n.service); reporting DOWN without a cause");
      return new SystemdFailure(null, null, null, null, null, warnings);
    }
    if (result != null && !RESULT.matcher(result).matches()) {
      warnings.add("MONITOR_SERVICE_RESULT '" + result + "' is not a systemd service result; left out");
      result = null;
    }
    if (code != null && !List.of("exited", "killed", "dumped").contains(code)) {
      warnings.add("MONITOR_EXIT_CODE '" + code + "' is not one of exited, killed, dumped; left out");
      code = null;
    }
    if (status != null && !validStatus(code, status)) {
      warnings.add("MONITOR_EXIT_STATUS '" + status + "' is not "
          + ("exited".equals(code) ? "a number 0-255" : "a number 0-255 or a signal name") + "; left out");
      status = null;
    }
    if (invocation != null && !INVOCATION.matcher(invocation).matches()) {
      warnings.add("MONITOR_INVOCATION_ID '" + invocation + "' is not 32 hex digits; left out");
      invocation = null;
    }
    return new SystemdFailure(result, code, status, invocation, unit, warnings);
  }

  /** The signal that ended the process: systemd names it as the exit status when killed or dumped. */
  String signal() {
    return ("killed".equals(exitCode) || "dumped".equals(exitCode)) && exitStatus != null
        && SIGNAL.matcher(exitStatus).matches() ? exitStatus : null;
  }

  /** The report's {@code cause} (issue 12), with only the fields systemd gave. */
  Map<String, Object> cause() {
    Map<String, Object> c = new LinkedHashMap<>();
    if (result != null) c.put("result", result);
    if (exitCode != null) c.put("exitCode", exitCode);
    if (exitStatus != null) c.put("exitStatus", exitStatus);
    if (signal() != null) c.put("signal", signal());
    return c;
  }

  /** The report's detail: what failed and how, and which invocation to read in the journal. */
  String describe(String reportedUnit) {
    StringBuilder sb = new StringBuilder("systemd: ").append(reportedUnit).append(" failed");
    List<String> how = new ArrayList<>();
    if (result != null) how.add("result " + result);
    if (exitCode != null) how.add(exitCode + (exitStatus == null ? "" : " " + exitStatus));
    else if (exitStatus != null) how.add("status " + exitStatus);
    if (!how.isEmpty()) sb.append(" (").append(String.join(", ", how)).append(')');
    if (invocationId != null) sb.append("; journalctl _SYSTEMD_INVOCATION_ID=").append(invocationId);
    return sb.toString();
  }

  private static boolean validStatus(String code, String status) {
    if (status.matches("\\d{1,3}")) {
      return Integer.parseInt(status) <= 255;
    }
    return !"exited".equals(code) && SIGNAL.matcher(status).matches();
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
