/**
 * The service assembled and running: the one place that builds store, engine, policy, pools,
 * executor, metrics, alerts, replica sync and HTTP verticles and passes each what it needs,
 * starts the timers and stops it all in order.
 */
package io.healguard.api.service;
