package io.healguard.engine.store;

/** The store could not make a change durable; the change is not acknowledged. */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
