/**
 * The service's drift scan: the runtime contract checked against the host at start, on a timer and
 * on request, its findings turned into the engine's per-unit drift facts. {@link
 * io.healguard.api.drift.DriftScanner} runs scans one at a time off the event loop; {@link
 * io.healguard.api.drift.Attribution} decides which unit each finding is about.
 */
package io.healguard.api.drift;
