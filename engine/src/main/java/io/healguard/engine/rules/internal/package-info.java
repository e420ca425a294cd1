/** Machinery of the Drools runtime: reading sheets to DRL, locating rows, enumerating facts. */
package io.healguard.engine.rules.internal;
