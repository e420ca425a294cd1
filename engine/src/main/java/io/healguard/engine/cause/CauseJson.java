package io.healguard.engine.cause;

import com.fasterxml.jackson.databind.JsonNode;
import io.healguard.engine.InvalidInputException;
import java.util.List;

/**
 * Reads a {@code cause} object as reports, scenario steps and audit inputs carry it, with every
 * type error naming the field: the REST API, the scenario parser and the audit replay share it.
 */
public final class CauseJson {
  public static final List<String> FIELDS = List.of("result", "exitCode", "exitStatus", "signal", "logTail");

  private CauseJson() {}

  /** The cause under {@code field} (for messages: {@code cause}, {@code [2].cause}); null when absent or null. */
  public static FailureCause read(String field, JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (!n.isObject()) {
      throw InvalidInputException.field(field, n.toString(), "an object with any of " + String.join(", ", FIELDS));
    }
    n.fieldNames().forEachRemaining(k -> {
      if (!FIELDS.contains(k)) {
        throw new InvalidInputException(field + " has an unknown field '" + k + "'; allowed: " + String.join(", ", FIELDS));
      }
    });
    return FailureCause.of(field, text(field, n, "result"), text(field, n, "exitCode"), status(field, n),
        text(field, n, "signal"), log(field, n));
  }

  private static String text(String field, JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) {
      throw InvalidInputException.field(field + "." + name, v.toString(), "a string");
    }
    return v.asText();
  }

  private static String status(String field, JsonNode n) {
    JsonNode v = n.get("exitStatus");
    if (v != null && v.isIntegralNumber()) {
      // systemd gives it as text; a number is the same status
      if (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() > 255) {
        throw InvalidInputException.field(field + ".exitStatus", v.toString(), "a number 0-255 or a signal name (SEGV, KILL, ...)");
      }
      return Integer.toString(v.asInt());
    }
    if (v != null && !v.isNull() && !v.isTextual()) {
      throw InvalidInputException.field(field + ".exitStatus", v.toString(), "a number 0-255 or a signal name (SEGV, KILL, ...)");
    }
    return text(field, n, "exitStatus");
  }

  private static String log(String field, JsonNode n) {
    JsonNode v = n.get("logTail");
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) {
      String shown = v.toString();
      throw InvalidInputException.field(field + ".logTail", shown.length() > 40 ? shown.substring(0, 40) + "..." : shown,
          "a string: the last lines of the failed invocation's log (longer than 8 KiB is cut from the front)");
    }
    return v.asText();
  }
}
