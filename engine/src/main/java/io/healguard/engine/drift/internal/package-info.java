/**
 * How the checker follows each consumer of the contract: a unit as systemd runs it, a script as
 * bash runs it (lexer, command reader, conda's commands, PATH lookup), the watchdog's YAML, and
 * the env file they load. Readers emit {@code Reference}s and {@code Judge} alone compares them
 * with the contract, so a new consumer is a new reader and never a new comparison rule.
 */
package io.healguard.engine.drift.internal;
