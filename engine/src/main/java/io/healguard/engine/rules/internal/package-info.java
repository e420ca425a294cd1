/**
 * Machinery of the Drools runtime: reading sheets to DRL, locating rows, enumerating facts,
 * watching the tables directory, and keeping what a compile computed (check verdicts, DRL) in the
 * data directory for the next start of the same tables and build.
 */
package io.healguard.engine.rules.internal;
