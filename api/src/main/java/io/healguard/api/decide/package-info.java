/**
 * The HTTP layer's way to the engine: reports and overrides decided on the decision worker pool
 * (or on the event loop when no thread needs to wait), counted in the metrics, and a RESTART
 * handed to the executor with its outcome audited.
 */
package io.healguard.api.decide;
