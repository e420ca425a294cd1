/** Journals behind the local store: the SQLite file with group commit, and memory. */
package io.healguard.engine.store.internal;
