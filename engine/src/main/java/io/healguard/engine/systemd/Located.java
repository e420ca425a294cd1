package io.healguard.engine.systemd;

/** A value with the host file and 1-based line it came from. */
public record Located(String value, String file, int line) {}
