/**
 * The Drools runtime: decision tables read from disk, compiled, checked by the policy check and
 * swapped in atomically on reload, with the settings the tables carry (thresholds, storm) and the
 * shadow policy's comparison. The tables as loaded are public in {@code table}; the compiler's
 * machinery is in {@code internal}.
 */
package io.healguard.engine.rules;
