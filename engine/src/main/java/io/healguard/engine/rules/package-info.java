/**
 * The Drools runtime: decision tables read from disk, compiled, checked by the policy gate and
 * swapped in atomically on reload. Public types at the root; sheet reading and the fact-space
 * enumeration in {@code internal}.
 */
package io.healguard.engine.rules;
