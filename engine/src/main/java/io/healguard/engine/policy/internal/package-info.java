/** Machinery of the recovery state machine: fact computation, transitions and operator snapshots. */
package io.healguard.engine.policy.internal;
