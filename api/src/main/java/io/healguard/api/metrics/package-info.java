/**
 * The service's Prometheus metrics: counters bumped on the decision and request paths, gauges of
 * unit state computed from the engine's views at scrape time.
 */
package io.healguard.api.metrics;
