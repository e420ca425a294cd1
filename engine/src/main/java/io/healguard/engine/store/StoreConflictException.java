package io.healguard.engine.store;

/**
 * A decision was made on a unit's state that another replica changed before it could be stored;
 * nothing of it is stored. Deciding again, in a new {@link StateStore#begin}, reads the other
 * replica's state and takes the unit's row lock first, so it does not lose the race twice.
 * {@code RecoveryEngine.decide} does that once; a second loss is answered like any store failure
 * (BLOCK STORE_UNAVAILABLE).
 */
public final class StoreConflictException extends StoreUnavailableException {
  public StoreConflictException(String message) {
    super(message, null);
  }
}
