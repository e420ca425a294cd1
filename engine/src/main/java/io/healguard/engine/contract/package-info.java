/**
 * The runtime contract of one application: which conda installation, environment, interpreter,
 * working directory and env file its units, scripts and watchdog must use. {@link
 * io.healguard.engine.contract.Contract} is the validated model and {@link
 * io.healguard.engine.contract.ContractRenderer} writes the env file and systemd drop-ins that
 * consumers load; checking a host against a contract lives in {@code io.healguard.engine.drift}.
 */
package io.healguard.engine.contract;
