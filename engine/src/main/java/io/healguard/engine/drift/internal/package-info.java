/**
 * How the checker reads a host: root-relative symlink resolution, systemd unit search path and
 * drop-ins, specifiers and Exec= parsing, a bash reader that follows conda activation, and the
 * watchdog YAML walk. Each reader emits {@code Reference}s; {@code Judge} alone compares them with
 * the contract, so a new consumer is a new reader and never a new comparison rule.
 */
package io.healguard.engine.drift.internal;
