/**
 * The audit trail: every restart, blocked restart, escalation, override, hold expiry, drift change
 * and policy activation or rejection, stored with the state change it belongs to and logged as a
 * JSON line after it is durable.
 */
package io.healguard.engine.audit;
