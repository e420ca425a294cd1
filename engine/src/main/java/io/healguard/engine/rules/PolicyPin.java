package io.healguard.engine.rules;

import java.time.Instant;

/**
 * A rollback in force: {@code version} decides although the tables directory holds other files.
 * It lasts until the next explicit reload or until a file of the tables directory changes;
 * {@code tablesStamp} is the directory's listing (names, sizes, mtimes) when it was set, so a
 * restart can tell whether the operator has touched the files since.
 */
public record PolicyPin(String version, String fromVersion, Instant at, String actor, String tablesStamp) {}
