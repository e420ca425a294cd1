/**
 * Alerting that reaches people: active alert signals pushed to Prometheus Alertmanager (API v2)
 * the way Prometheus itself sends them, and Alertmanager webhook notifications taken in as health
 * reports. Nothing here is on the decision path: a decision only wakes the pusher.
 */
package io.healguard.api.alerting;
