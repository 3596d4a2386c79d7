-- Remote windows held on this terminal's cases (as host) or joined here (as expert), and what
-- happened in them: the audit record a session leaves on its case. Personal data never lands
-- here: a consent lists field keys, not values.
CREATE TABLE remote_sessions (
  id TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('host', 'expert')),
  -- The local case (host); null for an expert, whose case lives at another hall.
  case_id INTEGER REFERENCES cases (id),
  case_ref TEXT NOT NULL,
  help_request_id TEXT,
  participant_id TEXT NOT NULL,
  started_by INTEGER NOT NULL REFERENCES users (id),
  started_at TEXT NOT NULL,
  ended_at TEXT,
  ended_by TEXT,
  outcome TEXT
) STRICT;
CREATE INDEX remote_sessions_case ON remote_sessions (case_id);

CREATE TABLE remote_session_events (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES remote_sessions (id),
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX remote_session_events_session ON remote_session_events (session_id, id);
