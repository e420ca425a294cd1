/**
 * A host's systemd configuration read the way systemd 252 reads it: unit search paths, drop-ins,
 * specifiers, {@code Exec*=} lines with their prefixes, and a service's environment from
 * {@code Environment=} and {@code EnvironmentFile=}, all under a root directory standing for the
 * host's {@code /}. Both the drift checker and the contract renderer build on it, so "the unit's
 * ExecStart" means the same effective line to both.
 */
package io.healguard.engine.systemd;
