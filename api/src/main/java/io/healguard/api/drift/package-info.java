/**
 * The service's drift scan: the runtime contract checked against the host at start, on a timer and
 * on request, one scan at a time off the event loop, with its status, meters and fleet alerts.
 * {@link io.healguard.api.drift.DriftScanner} schedules and records; which facts the engine must
 * hold is decided by {@code io.healguard.engine.drift} (Attribution, DriftReconciler).
 */
package io.healguard.api.drift;
