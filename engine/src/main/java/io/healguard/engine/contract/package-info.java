/**
 * The runtime contract of one application (which conda installation, environment, interpreter,
 * working directory and env file its units, scripts and watchdog must use) and what
 * {@link io.healguard.engine.contract.ContractRenderer} installs from it without losing a host's
 * own settings. Checking a host against a contract lives in {@code io.healguard.engine.drift},
 * which depends on this package and never the other way.
 */
package io.healguard.engine.contract;
