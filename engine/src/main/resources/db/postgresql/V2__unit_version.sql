-- healguard shared store, schema 2: a version per unit row, raised by every write of its state.
-- A decision that read the row without locking it (a steady report: nothing to write, usually)
-- writes only if the version is still the one it read, under the row lock; so a replica never
-- commits a decision made on a state another replica has changed since.
ALTER TABLE unit_state ADD COLUMN version bigint NOT NULL DEFAULT 0;
-- A replica of the version before this one writes without raising it: upgrade every replica of a
-- database together (stop the old ones before the new ones decide), or a new replica may store a
-- decision made before an old one's write.
