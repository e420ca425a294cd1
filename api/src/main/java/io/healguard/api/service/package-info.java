/**
 * The running service: start-up and shutdown of store, policy, verticles and timers, the decision
 * path the HTTP layer calls (worker pool, metrics, executor), alerts and metrics.
 */
package io.healguard.api.service;
