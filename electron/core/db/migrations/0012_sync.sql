-- Sync with the hub: the outbox gains its gap-free sequence and hybrid logical clock; the
-- terminal's clock and sequence state, the cursor of each pulled stream (written with the data
-- it covers), the history of sync runs, conflicts the hub recorded for this hall, holiday
-- arrangements and model files the hub offers.

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- This installation's node in the clock: random, never reused.
  node TEXT NOT NULL,
  hlc TEXT NOT NULL,
  next_seq INTEGER NOT NULL CHECK (next_seq >= 1),
  -- The highest sequence number the hub acknowledged.
  acked_seq INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE outbox_sequenced (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE CHECK (seq >= 1),
  idempotency_key TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  operation TEXT NOT NULL,
  payload TEXT NOT NULL,
  hlc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  pushed_at TEXT
) STRICT;

-- Existing entries keep their order; their clock is their creation time (legacy node "0").
INSERT INTO outbox_sequenced (id, seq, idempotency_key, entity, entity_id, operation, payload,
  hlc, created_at, pushed_at)
SELECT id, ROW_NUMBER() OVER (ORDER BY id), idempotency_key, entity, entity_id, operation, payload,
  printf('%015d-%05d-0', CAST(round((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER),
    ROW_NUMBER() OVER (ORDER BY id) % 100000),
  created_at, pushed_at
FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_sequenced RENAME TO outbox;
CREATE INDEX outbox_unpushed ON outbox (seq) WHERE pushed_at IS NULL;
CREATE INDEX outbox_entity ON outbox (entity, entity_id);

INSERT INTO sync_state (id, node, hlc, next_seq)
SELECT 1, 'n' || lower(hex(randomblob(6))),
  coalesce((SELECT max(hlc) FROM outbox), '000000000000000-00000-0'),
  coalesce((SELECT max(seq) FROM outbox), 0) + 1;

CREATE TABLE sync_cursors (
  stream TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  trigger TEXT NOT NULL CHECK (trigger IN ('auto', 'manual', 'package')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  pushed INTEGER NOT NULL DEFAULT 0,
  pulled INTEGER NOT NULL DEFAULT 0,
  outcome TEXT CHECK (outcome IN ('ok', 'failed', 'offline')),
  error_code TEXT,
  error_zh TEXT,
  error_en TEXT
) STRICT;
CREATE INDEX sync_runs_recent ON sync_runs (started_at);

-- Conflicts the hub recorded for this hall, as it last described them.
CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  field TEXT,
  reason TEXT NOT NULL,
  theirs TEXT NOT NULL,
  ours TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  resolution TEXT
) STRICT;

-- Holiday arrangements from the hub: they take precedence over the files for the same year.
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  arrangement TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;

-- Model files the hub offers, as its manifest describes them.
CREATE TABLE hub_models (
  id TEXT PRIMARY KEY,
  manifest TEXT NOT NULL,
  received_at TEXT NOT NULL
) STRICT;
