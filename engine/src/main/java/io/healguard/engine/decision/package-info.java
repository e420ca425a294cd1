/**
 * What a decision is made of and what it answers: a unit's recovery state (circuit, hold, last
 * report, drift facts), the action and recommendation, and the decision itself. The state machine,
 * the tables, the store and the audit all speak these types, so they sit below all four.
 */
package io.healguard.engine.decision;
