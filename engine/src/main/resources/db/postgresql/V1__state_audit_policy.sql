-- healguard shared store, schema 1. Applied by Flyway when a PostgresStateStore opens.
-- State is the engine's JSON (Json.MAPPER); the plain columns beside it are what other
-- replicas query without parsing JSON.

-- One row per unit. The row is also the unit's lock: a decision holds it FOR UPDATE.
-- state is null only for a row whose transaction stored no unit state (a lock taken, nothing kept).
CREATE TABLE unit_state (
  unit            text PRIMARY KEY,
  state           jsonb,
  last_status     text,
  last_report_ms  bigint,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- the storm fact: units whose latest report is a fresh DOWN
CREATE INDEX unit_state_down ON unit_state (last_report_ms) WHERE last_status = 'DOWN';

-- The fleet's storm episode: one row, locked FOR UPDATE after a unit row, never before.
CREATE TABLE fleet_state (
  id     integer PRIMARY KEY CHECK (id = 1),
  state  jsonb NOT NULL
);
INSERT INTO fleet_state (id, state) VALUES (1, '{"stormEpisodeActive":false}');

CREATE TABLE audit (
  seq    bigserial PRIMARY KEY,
  id     text NOT NULL UNIQUE,
  at_ms  bigint NOT NULL,
  type   text NOT NULL,
  unit   text,
  event  jsonb NOT NULL
);
CREATE INDEX audit_unit ON audit (unit, seq);
CREATE INDEX audit_type ON audit (type, seq);
CREATE INDEX audit_at ON audit (at_ms);

-- Every policy activation, with the decision tables as a zip when the activating replica shared them.
CREATE TABLE policy_activation (
  seq           bigserial PRIMARY KEY,
  version       text NOT NULL,
  activated_at  timestamptz NOT NULL,
  actor         text,
  tables        bytea
);

-- The policy in force for every replica: one row, pointing at its activation.
CREATE TABLE current_policy (
  id          integer PRIMARY KEY CHECK (id = 1),
  activation  bigint NOT NULL REFERENCES policy_activation (seq),
  version     text NOT NULL
);
