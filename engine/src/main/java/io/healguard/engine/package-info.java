/**
 * The healguard engine: per-unit guarded self-healing decided by Drools decision tables, with
 * durable state and audit. Plain Java (no Vert.x); {@link io.healguard.engine.policy.RecoveryEngine}
 * is the facade the command line and the service call.
 */
package io.healguard.engine;
