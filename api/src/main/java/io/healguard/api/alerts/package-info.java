/**
 * Active alert signals, derived on each call from the unit views, the fleet state, the store and
 * the policy manager. Nothing is stored here, so an alert clears as soon as its condition does.
 */
package io.healguard.api.alerts;
