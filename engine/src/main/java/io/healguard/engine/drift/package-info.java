/**
 * Drift between a runtime contract and what a host's units, scripts and watchdog really run:
 * {@link io.healguard.engine.drift.DriftChecker} reads a host (or a copy under a root) the way
 * systemd, conda and bash resolve it and reports {@link io.healguard.engine.drift.DriftFinding}s
 * where an operator must edit. {@link io.healguard.engine.drift.Attribution} and
 * {@link io.healguard.engine.drift.DriftReconciler} turn a report into the engine's per-unit drift
 * facts; this package uses the policy's fact and input types, and nothing in the policy uses it.
 */
package io.healguard.engine.drift;
