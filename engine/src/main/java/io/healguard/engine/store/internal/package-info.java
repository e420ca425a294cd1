/**
 * The stores' machinery: the SQLite journal (group commit, memory slots) behind the local store,
 * and PostgreSQL's connections and outage probe, unit transaction and queries behind the shared
 * one; both schemas by {@link io.healguard.engine.store.internal.Migrations}.
 */
package io.healguard.engine.store.internal;
