/**
 * The recovery state machine: inputs, thresholds, the circuit and its transition whitelist, the
 * safety envelope and {@link io.healguard.engine.policy.RecoveryEngine}, which turns each input
 * into one explained decision.
 */
package io.healguard.engine.policy;
