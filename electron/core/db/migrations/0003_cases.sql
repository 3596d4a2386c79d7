-- Applicants, cases under a fixed matter version, their materials checklist and history.
CREATE TABLE applicants (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'enterprise')),
  -- Citizen ID number for persons, USCC for enterprises.
  id_number TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT,
  legal_representative TEXT,
  address TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (kind, id_number)
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  matter_id INTEGER NOT NULL REFERENCES matters (id),
  applicant_id INTEGER NOT NULL REFERENCES applicants (id),
  status TEXT NOT NULL CHECK (
    status IN ('intake', 'reviewing', 'correction', 'accepted', 'rejected', 'completed')
  ),
  note TEXT,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX cases_status ON cases (status);

CREATE TABLE case_materials (
  case_id INTEGER NOT NULL REFERENCES cases (id),
  material_code TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'received', 'missing', 'to_correct')),
  note TEXT,
  updated_by INTEGER REFERENCES users (id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (case_id, material_code)
) STRICT;

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE INDEX case_events_case ON case_events (case_id, id);

-- Full-text search over reference, applicant and matter. Chinese text is indexed one character
-- per token (see cases/search-text.ts) so two-character names are found.
CREATE VIRTUAL TABLE cases_fts USING fts5 (search_text, content = '', contentless_delete = 1);
