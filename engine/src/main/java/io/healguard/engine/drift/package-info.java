/**
 * Drift between a runtime contract and what a host's units, scripts and watchdog config really
 * reference. {@link io.healguard.engine.drift.DriftChecker} reads a host (or a copy of one under a
 * root directory) the way systemd, conda and bash resolve it, and reports {@link
 * io.healguard.engine.drift.DriftFinding}s; only the effective configuration is judged.
 */
package io.healguard.engine.drift;
