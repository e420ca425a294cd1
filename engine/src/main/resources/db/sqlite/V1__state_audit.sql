-- healguard embedded store, schema 1. Applied by Flyway when a SqliteJournal opens a new file.
-- A file made before Flyway (the Java migration, PRAGMA user_version = 1) holds exactly these
-- tables: it is baselined at 1 and this script never runs on it.
-- State is the engine's JSON (Json.MAPPER).

CREATE TABLE unit_state (unit TEXT PRIMARY KEY, state TEXT NOT NULL, updated_ms INTEGER NOT NULL);

CREATE TABLE fleet_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);

CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  at_ms INTEGER NOT NULL, type TEXT NOT NULL, unit TEXT, event TEXT NOT NULL);
CREATE INDEX audit_unit ON audit (unit, seq);
CREATE INDEX audit_type ON audit (type, seq);
CREATE INDEX audit_at ON audit (at_ms);

-- what the Java migration set: a binary of the version before Flyway opens this file as its own
PRAGMA user_version = 1;
