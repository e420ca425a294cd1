package io.healguard.engine;

/**
 * Bad input from outside (a report, an override, a scenario, a table, a contract, a config value).
 * The message says what was wrong, with which value, and what is allowed; nothing was changed.
 */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "{@code field} must be {@code rule}, but was {@code value}". */
  public static InvalidInputException field(String field, Object value, String rule) {
    return new InvalidInputException(field + " must be " + rule + ", but was " + quote(value));
  }

  private static String quote(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }
}
