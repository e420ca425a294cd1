package io.healguard.engine.store;

import java.time.Instant;

/**
 * One recorded policy activation. {@code tables} is the decision-table directory as a zip when
 * the activating replica shared it, else null; records compare arrays by identity, so compare
 * {@code seq} instead.
 */
public record PolicyActivation(long seq, String version, Instant activatedAt, String actor, byte[] tables) {}
