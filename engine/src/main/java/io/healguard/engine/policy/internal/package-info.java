/**
 * Machinery of the recovery state machine, one job per class: facts, hard guards (composed in
 * {@code HardGuards}), the storm episode under the fleet lock, transitions, the audit mapping,
 * shadow comparison, the hold sweep, unit views and operator snapshots.
 */
package io.healguard.engine.policy.internal;
