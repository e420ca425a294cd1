/**
 * The recovery state machine: the inputs, the safety envelope and
 * {@link io.healguard.engine.policy.RecoveryEngine}, which turns each input into one explained
 * decision over the tables ({@code rules}), the store and the audit. The types those parts share
 * (state, circuit, decision) are in {@code decision}, below all of them.
 */
package io.healguard.engine.policy;
