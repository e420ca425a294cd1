/**
 * Durable state behind one interface: units, the fleet's storm episode and the audit trail. A
 * commit is atomic and durable when it returns; the embedded SQLite store is the default.
 */
package io.healguard.engine.store;
