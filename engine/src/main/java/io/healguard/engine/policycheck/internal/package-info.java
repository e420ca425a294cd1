/** Machinery of the gate: reading RuleTables cell by cell, and asking a compiled table every question. */
package io.healguard.engine.policycheck.internal;
