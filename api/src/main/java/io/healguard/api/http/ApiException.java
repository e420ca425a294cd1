package io.healguard.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request the API refuses, with the problem+json it answers. Expected: logged without a stack trace. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String title;
  private final Map<String, Object> extra;

  private ApiException(int status, String type, String title, String detail, Map<String, Object> extra) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.extra = extra;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, ProblemTypes.INVALID_INPUT, "Invalid input", detail, Map.of());
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail, Map.of());
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, ProblemTypes.FORBIDDEN, "Forbidden", detail, Map.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, ProblemTypes.NOT_FOUND, "Not found", detail, Map.of());
  }

  public static ApiException unprocessable(String title, String detail, Map<String, Object> extra) {
    return new ApiException(422, ProblemTypes.POLICY_REJECTED, title, detail, new LinkedHashMap<>(extra));
  }

  public static ApiException of(int status, String type, String title, String detail) {
    return new ApiException(status, type, title, detail, Map.of());
  }

  public int status() {
    return status;
  }

  /** The problem type's last part ({@code invalid-input}): from code, never from a request, so a bounded metric label. */
  public String type() {
    return type;
  }

  /** The problem+json body. */
  public Map<String, Object> problem(String instance) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "urn:healguard:problem:" + type);
    m.put("title", title);
    m.put("status", status);
    m.put("detail", getMessage());
    if (instance != null) m.put("instance", instance);
    m.putAll(extra);
    return m;
  }
}
