/**
 * The decision tables as loaded from disk, before Drools compiles them: a table's sheet and rows,
 * where it came from, the causes table and the fact space every table is evaluated over. The
 * pre-activation policy check reads these too, so they are public here rather than internal.
 */
package io.healguard.engine.rules.table;
