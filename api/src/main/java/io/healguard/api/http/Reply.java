package io.healguard.api.http;

/** What an endpoint answers: status, a body (serialized as JSON unless it is already text) and its type. */
public record Reply(int status, Object body, String contentType) {
  public static final String JSON = "application/json; charset=utf-8";

  public static Reply ok(Object body) {
    return new Reply(200, body, JSON);
  }

  public static Reply status(int status, Object body) {
    return new Reply(status, body, JSON);
  }

  public static Reply text(String contentType, String body) {
    return new Reply(200, body, contentType);
  }
}
